fn pairs(n: u32) -> impl Generator<Yield = u32, Return = u32> {
    use ::coro::__private as __coro_p;
    enum __CoroState<__CoroT0, __CoroT1, __CoroT2> {
        Suspended1 { __coro_b2: __CoroT2, __coro_b1: __CoroT1, __coro_b0: __CoroT0 },
        Suspended2 { __coro_b2: __CoroT2, __coro_b1: __CoroT1, __coro_b0: __CoroT0 },
        Loop1(__CoroT0, __CoroT1, __CoroT2),
        Start { __coro_b0: __CoroT0 },
        Done,
        Poisoned,
    }
    yield_!(@ __coro_used);
    __coro_p::Machine::new(
        __CoroState::Start { __coro_b0: n },
        |
            __coro_s: &mut __CoroState<_, _, _>,
            __coro_arg: (),
        | -> __coro_p::GeneratorState<u32, u32> {
            {
                let mut __coro_st = __coro_p::replace(__coro_s, __CoroState::Poisoned);
                '__coro_h1: {
                    match __coro_st {
                        __CoroState::Start { __coro_b0 } => {
                            let n = __coro_b0;
                            let mut total = 0;
                            let mut i = 0;
                            '__coro_l1: loop {
                                if i < n {
                                    if i % 2 == 0 {
                                        let __coro_yielded: u32 = i;
                                        *__coro_s = __CoroState::Suspended1 {
                                            __coro_b0: n,
                                            __coro_b1: total,
                                            __coro_b2: i,
                                        };
                                        return __coro_p::Yielded(__coro_yielded);
                                    } else {
                                        let __coro_yielded: u32 = i * 10;
                                        *__coro_s = __CoroState::Suspended2 {
                                            __coro_b0: n,
                                            __coro_b1: total,
                                            __coro_b2: i,
                                        };
                                        return __coro_p::Yielded(__coro_yielded);
                                    }
                                } else {
                                    break '__coro_l1;
                                }
                            }
                            {
                                let __coro_returned: u32 = total;
                                *__coro_s = __CoroState::Done;
                                return __coro_p::Complete(__coro_returned);
                            };
                        }
                        __CoroState::Suspended1 { __coro_b0, __coro_b1, __coro_b2 } => {
                            let (n, mut total, mut i) = (
                                __coro_b0,
                                __coro_b1,
                                __coro_b2,
                            );
                            {
                                {
                                    {}
                                    i += 1;
                                }
                            }
                            __coro_st = __CoroState::Loop1(n, total, i);
                            break '__coro_h1;
                        }
                        __CoroState::Suspended2 { __coro_b0, __coro_b1, __coro_b2 } => {
                            let (n, mut total, mut i) = (
                                __coro_b0,
                                __coro_b1,
                                __coro_b2,
                            );
                            {
                                {
                                    {
                                        let __coro_resumed1 = { __coro_arg };
                                        total += __coro_resumed1;
                                    }
                                    i += 1;
                                }
                            }
                            __coro_st = __CoroState::Loop1(n, total, i);
                            break '__coro_h1;
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
                }
                let __CoroState::Loop1(n, mut total, mut i) = __coro_st else {
                    __coro_p::unreachable()
                };
                '__coro_l1: loop {
                    if i < n {
                        if i % 2 == 0 {
                            let __coro_yielded: u32 = i;
                            *__coro_s = __CoroState::Suspended1 {
                                __coro_b0: n,
                                __coro_b1: total,
                                __coro_b2: i,
                            };
                            return __coro_p::Yielded(__coro_yielded);
                        } else {
                            let __coro_yielded: u32 = i * 10;
                            *__coro_s = __CoroState::Suspended2 {
                                __coro_b0: n,
                                __coro_b1: total,
                                __coro_b2: i,
                            };
                            return __coro_p::Yielded(__coro_yielded);
                        }
                    } else {
                        break '__coro_l1;
                    }
                }
                {
                    let __coro_returned: u32 = total;
                    *__coro_s = __CoroState::Done;
                    return __coro_p::Complete(__coro_returned);
                };
            }
        },
    )
}
