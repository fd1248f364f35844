fn order() -> impl Generator<i32, Yield = &'static str, Return = i32> {
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
        | -> __coro_p::GeneratorState<&'static str, i32> {
            match __coro_p::replace(__coro_s, __CoroState::Poisoned) {
                __CoroState::Start {} => {
                    {
                        let __coro_discarded = { __coro_arg };
                    }
                    let __coro_operand1 = a();
                    let __coro_yielded: &'static str = "suspend";
                    *__coro_s = __CoroState::Suspended1 {
                        __coro_b0: __coro_operand1,
                    };
                    return __coro_p::Yielded(__coro_yielded);
                }
                __CoroState::Suspended1 { __coro_b0 } => {
                    let __coro_operand1 = __coro_b0;
                    let __coro_resumed2 = { __coro_arg };
                    let r = add3(__coro_operand1, __coro_resumed2, b());
                    {
                        let __coro_returned: i32 = match __coro_p::Branch::branch(r) {
                            __coro_p::Flow::Continue(__coro_continue) => __coro_continue,
                            __coro_p::Flow::Break(__coro_residual) => {
                                let __coro_returned: i32 = __coro_p::FromResidual::from_residual(
                                    __coro_residual,
                                );
                                *__coro_s = __CoroState::Done;
                                return __coro_p::Complete(__coro_returned);
                            }
                        };
                        *__coro_s = __CoroState::Done;
                        return __coro_p::Complete(__coro_returned);
                    };
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
