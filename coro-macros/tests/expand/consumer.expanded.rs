fn consumer() -> impl Generator<i32, Yield = bool, Return = ()> {
    use ::coro::__private as __coro_p;
    enum __CoroState<__CoroT0> {
        Suspended1 { __coro_b0: __CoroT0 },
        Start {},
        Done,
        Poisoned,
    }
    yield_!(@ __coro_used);
    __coro_p::Machine::new(
        __CoroState::Start {},
        |
            __coro_s: &mut __CoroState<_>,
            __coro_arg: i32,
        | -> __coro_p::GeneratorState<bool, ()> {
            match __coro_p::replace(__coro_s, __CoroState::Poisoned) {
                __CoroState::Start {} => {
                    {
                        let __coro_discarded = { __coro_arg };
                    }
                    let mut status = true;
                    loop {
                        let __coro_yielded: bool = status;
                        *__coro_s = __CoroState::Suspended1 {
                            __coro_b0: status,
                        };
                        return __coro_p::Yielded(__coro_yielded);
                    }
                }
                __CoroState::Suspended1 { __coro_b0 } => {
                    let mut status = __coro_b0;
                    {
                        let n = { __coro_arg };
                        println!("got {n}");
                        if n == 3 {
                            status = false;
                        }
                    }
                    loop {
                        let __coro_yielded: bool = status;
                        *__coro_s = __CoroState::Suspended1 {
                            __coro_b0: status,
                        };
                        return __coro_p::Yielded(__coro_yielded);
                    }
                }
                __coro_ended => {
                    let __coro_poisoned = match __coro_ended {
                        __CoroState::Poisoned => true,
                        _ => false,
                    };
                    *__coro_s = __coro_ended;
                    __coro_p::resumed_after_end(__coro_poisoned)
                }
            }
        },
    )
}
