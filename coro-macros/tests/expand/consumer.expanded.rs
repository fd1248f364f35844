fn consumer() -> impl Generator<i32, Yield = bool, Return = ()> {
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    #[derive(Clone)]
    enum __CoroState<__CoroT0> {
        Suspended1 { __coro_b0: __CoroT0 },
        Start {},
        Done,
        Poisoned,
    }
    impl<__CoroT0> ::core::fmt::Debug for __CoroState<__CoroT0> {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str(
                match self {
                    __CoroState::Start { .. } => {
                        ::core::concat!("consumer", ": not started")
                    }
                    __CoroState::Suspended1 { .. } => {
                        ::core::concat!(
                            "consumer", ": suspended at `yield_!` #1, line ",
                            ::core::line!()
                        )
                    }
                    __CoroState::Done => ::core::concat!("consumer", ": done"),
                    __CoroState::Poisoned => ::core::concat!("consumer", ": poisoned"),
                },
            )
        }
    }
    yield_!(@ __coro_used);
    ::coro::__private::Machine::new(
        __CoroState::Start {},
        |
            __coro_s: &mut __CoroState<_>,
            __coro_arg: i32,
        | -> ::coro::__private::GeneratorState<bool, ()> {
            match ::core::mem::replace(__coro_s, __CoroState::Poisoned) {
                __CoroState::Start {} => {
                    {
                        let __coro_discarded = { __coro_arg };
                    }
                    #[allow(unused_mut)]
                    let mut status = true;
                    loop {
                        let __coro_yielded: bool = status;
                        *__coro_s = __CoroState::Suspended1 {
                            __coro_b0: status,
                        };
                        return ::coro::__private::GeneratorState::Yielded(
                            __coro_yielded,
                        );
                    }
                }
                __CoroState::Suspended1 { __coro_b0 } => {
                    #[allow(unused_mut, unused_variables)]
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
                        return ::coro::__private::GeneratorState::Yielded(
                            __coro_yielded,
                        );
                    }
                }
                __coro_ended => {
                    let __coro_poisoned = ::core::matches!(
                        __coro_ended, __CoroState::Poisoned
                    );
                    *__coro_s = __coro_ended;
                    ::coro::__private::resumed_after_end(__coro_poisoned)
                }
            }
        },
    )
}
