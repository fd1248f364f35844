fn fib(max: usize) -> impl Generator<Yield = u64, Return = ()> {
    use ::coro::__private as __coro_p;
    enum __CoroState<__CoroT0, __CoroT1, __CoroT2, __CoroT3> {
        Suspended1 {
            __coro_b3: __CoroT3,
            __coro_b2: __CoroT2,
            __coro_b1: __CoroT1,
            __coro_b0: __CoroT0,
        },
        Start { __coro_b0: __CoroT0 },
        Done,
        Poisoned,
    }
    yield_!(@ __coro_used);
    __coro_p::Machine::new(
        __CoroState::Start {
            __coro_b0: max,
        },
        |
            __coro_s: &mut __CoroState<_, _, _, _>,
            __coro_arg: (),
        | -> __coro_p::GeneratorState<u64, ()> {
            match __coro_p::replace(__coro_s, __CoroState::Poisoned) {
                __CoroState::Start { __coro_b0 } => {
                    let max = __coro_b0;
                    let (mut n, mut a, mut b) = (0, 0u64, 1u64);
                    '__coro_l1: loop {
                        if n < max {
                            let __coro_yielded: u64 = b;
                            *__coro_s = __CoroState::Suspended1 {
                                __coro_b0: max,
                                __coro_b1: n,
                                __coro_b2: a,
                                __coro_b3: b,
                            };
                            return __coro_p::Yielded(__coro_yielded);
                        } else {
                            break '__coro_l1;
                        }
                    }
                    #[allow(unreachable_code)]
                    {
                        let __coro_returned: () = ();
                        *__coro_s = __CoroState::Done;
                        return __coro_p::Complete(__coro_returned);
                    }
                }
                __CoroState::Suspended1 {
                    __coro_b0,
                    __coro_b1,
                    __coro_b2,
                    __coro_b3,
                } => {
                    let (max, mut n, mut a, mut b) = (
                        __coro_b0,
                        __coro_b1,
                        __coro_b2,
                        __coro_b3,
                    );
                    {
                        {
                            (a, b) = (b, a + b);
                            n += 1;
                        }
                    }
                    '__coro_l1: loop {
                        if n < max {
                            let __coro_yielded: u64 = b;
                            *__coro_s = __CoroState::Suspended1 {
                                __coro_b0: max,
                                __coro_b1: n,
                                __coro_b2: a,
                                __coro_b3: b,
                            };
                            return __coro_p::Yielded(__coro_yielded);
                        } else {
                            break '__coro_l1;
                        }
                    }
                    #[allow(unreachable_code)]
                    {
                        let __coro_returned: () = ();
                        *__coro_s = __CoroState::Done;
                        return __coro_p::Complete(__coro_returned);
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
