fn outer() -> impl Generator<Yield = u32, Return = u32> {
    use ::coro::__private as __coro_p;
    enum __CoroState<__CoroT1> {
        Suspended1 { __coro_b1: __CoroT1 },
        Start {},
        Done,
        Poisoned,
    }
    yield_from!(@ __coro_used);
    __coro_p::Machine::new(
        __CoroState::Start {},
        |
            __coro_s: &mut __CoroState<_>,
            __coro_arg: (),
        | -> __coro_p::GeneratorState<u32, u32> {
            let __coro_rt = __coro_p::ResumeType::of(&__coro_arg);
            match &mut *__coro_s {
                __coro_other if match __coro_other {
                    __CoroState::Suspended1 { .. } => false,
                    _ => true,
                } => {
                    match __coro_p::replace(__coro_s, __CoroState::Poisoned) {
                        __CoroState::Start {} => {
                            let __coro_value3;
                            {
                                let mut __coro_delegate1 = inner();
                                let mut __coro_state2 = __coro_rt
                                    .prime(&mut __coro_delegate1);
                                '__coro_l1: loop {
                                    match __coro_state2 {
                                        __coro_p::Yielded(__coro_yielded0) => {
                                            let __coro_yielded: u32 = __coro_yielded0;
                                            *__coro_s = __CoroState::Suspended1 {
                                                __coro_b1: __coro_delegate1,
                                            };
                                            return __coro_p::Yielded(__coro_yielded);
                                        }
                                        __coro_p::Complete(__coro_returned0) => {
                                            __coro_value3 = __coro_returned0;
                                            break '__coro_l1;
                                        }
                                    }
                                }
                            }
                            let r = __coro_value3;
                            {
                                let __coro_returned: u32 = r + 1;
                                *__coro_s = __CoroState::Done;
                                return __coro_p::Complete(__coro_returned);
                            };
                        }
                        __CoroState::Suspended1 { .. } => __coro_p::unreachable(),
                        __coro_ended => {
                            let __coro_poisoned = match __coro_ended {
                                __CoroState::Poisoned => true,
                                _ => false,
                            };
                            *__coro_s = __coro_ended;
                            __coro_p::resumed_after_end(__coro_poisoned)
                        }
                    }
                }
                __CoroState::Suspended1 { .. } => {
                    let mut __coro_guard = __coro_p::PoisonOnUnwind::new(
                        &mut *__coro_s,
                        |__coro_s| *__coro_s = __CoroState::Poisoned,
                    );
                    let __coro_delegate = match __coro_guard.state() {
                        __CoroState::Suspended1 { __coro_b1: __coro_delegate, .. } => {
                            __coro_delegate
                        }
                        _ => __coro_p::unreachable(),
                    };
                    let __coro_resumed = __coro_p::Generator::resume(
                        __coro_delegate,
                        { __coro_arg },
                    );
                    __coro_guard.disarm();
                    let __coro_resumed = match __coro_resumed {
                        __coro_p::Yielded(__coro_yielded) => {
                            let __coro_yielded: u32 = __coro_yielded;
                            return __coro_p::Yielded(__coro_yielded);
                        }
                        __coro_resumed => __coro_resumed,
                    };
                    match __coro_p::replace(__coro_s, __CoroState::Poisoned) {
                        __CoroState::Suspended1 { __coro_b1 } => {
                            let __coro_value3;
                            {
                                let mut __coro_delegate1 = __coro_b1;
                                let mut __coro_state2;
                                {
                                    {
                                        __coro_state2 = __coro_resumed;
                                    }
                                }
                                '__coro_l1: loop {
                                    match __coro_state2 {
                                        __coro_p::Yielded(__coro_yielded0) => {
                                            let __coro_yielded: u32 = __coro_yielded0;
                                            *__coro_s = __CoroState::Suspended1 {
                                                __coro_b1: __coro_delegate1,
                                            };
                                            return __coro_p::Yielded(__coro_yielded);
                                        }
                                        __coro_p::Complete(__coro_returned0) => {
                                            __coro_value3 = __coro_returned0;
                                            break '__coro_l1;
                                        }
                                    }
                                }
                            }
                            let r = __coro_value3;
                            {
                                let __coro_returned: u32 = r + 1;
                                *__coro_s = __CoroState::Done;
                                return __coro_p::Complete(__coro_returned);
                            };
                        }
                        _ => __coro_p::unreachable(),
                    }
                }
                _ => __coro_p::unreachable(),
            }
        },
    )
}
