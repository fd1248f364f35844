fn tokens(lines: Vec<String>) -> impl Iterator<Item = String> {
    use ::coro::__private as __coro_p;
    enum __CoroState<__CoroT0, __CoroT1, __CoroT2, __CoroT3, __CoroT4, __CoroT5> {
        Loop1 { __coro_b2: __CoroT2, __coro_b1: __CoroT1 },
        Suspended1 {
            __coro_b5: __CoroT5,
            __coro_b4: __CoroT4,
            __coro_b3: __CoroT3,
            __coro_b2: __CoroT2,
            __coro_b1: __CoroT1,
        },
        Suspended2 {
            __coro_b4: __CoroT4,
            __coro_b3: __CoroT3,
            __coro_b2: __CoroT2,
            __coro_b1: __CoroT1,
        },
        Start { __coro_b0: __CoroT0 },
        Done,
        Poisoned,
    }
    yield_!(@ __coro_used);
    __coro_p::Machine::new(
        __CoroState::Start {
            __coro_b0: lines,
        },
        |
            __coro_s: &mut __CoroState<_, _, _, _, _, _>,
            __coro_arg: (),
        | -> __coro_p::GeneratorState<String, ()> {
            let mut __coro_arg = __coro_p::Some(__coro_arg);
            '__coro_dispatch: loop {
                match __coro_p::replace(__coro_s, __CoroState::Poisoned) {
                    __CoroState::Start { __coro_b0 } => {
                        let lines = __coro_b0;
                        {
                            let __coro_discarded = __coro_p::take_arg(&mut __coro_arg);
                        }
                        let _guard = Guard::new();
                        {
                            let mut __coro_iter1 = __coro_p::IntoIterator::into_iter(
                                lines,
                            );
                            {
                                *__coro_s = __CoroState::Loop1 {
                                    __coro_b1: _guard,
                                    __coro_b2: __coro_iter1,
                                };
                                continue '__coro_dispatch;
                            }
                        }
                    }
                    __CoroState::Loop1 { __coro_b1, __coro_b2 } => {
                        let _guard = __coro_b1;
                        {
                            let mut __coro_iter1 = __coro_b2;
                            '__coro_l1: loop {
                                let line = match __coro_p::Iterator::next(
                                    &mut __coro_iter1,
                                ) {
                                    __coro_p::Some(__coro_item0) => __coro_item0,
                                    __coro_p::None => break '__coro_l1,
                                };
                                match line
                                    .split_once('=')
                                    .map(|(k, v)| (k.to_string(), v.to_string()))
                                {
                                    Some((key, value)) if !key.is_empty() => {
                                        let __coro_yielded: String = key.clone();
                                        *__coro_s = __CoroState::Suspended1 {
                                            __coro_b1: _guard,
                                            __coro_b2: __coro_iter1,
                                            __coro_b3: line,
                                            __coro_b4: key,
                                            __coro_b5: value,
                                        };
                                        return __coro_p::Yielded(__coro_yielded);
                                    }
                                    _ => {
                                        continue '__coro_l1;
                                    }
                                }
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
                        __coro_b1,
                        __coro_b2,
                        __coro_b3,
                        __coro_b4,
                        __coro_b5,
                    } => {
                        let _guard = __coro_b1;
                        {
                            let mut __coro_iter1 = __coro_b2;
                            '__coro_f1: {
                                {
                                    let line = __coro_b3;
                                    {
                                        let (key, value) = (__coro_b4, __coro_b5);
                                        {
                                            let __coro_discarded = __coro_p::take_arg(&mut __coro_arg);
                                        }
                                        if value == "stop" {
                                            break '__coro_f1;
                                        }
                                        let __coro_yielded: String = value;
                                        *__coro_s = __CoroState::Suspended2 {
                                            __coro_b1: _guard,
                                            __coro_b2: __coro_iter1,
                                            __coro_b3: line,
                                            __coro_b4: key,
                                        };
                                        return __coro_p::Yielded(__coro_yielded);
                                    }
                                }
                            }
                        }
                        #[allow(unreachable_code)]
                        {
                            let __coro_returned: () = ();
                            *__coro_s = __CoroState::Done;
                            return __coro_p::Complete(__coro_returned);
                        }
                    }
                    __CoroState::Suspended2 {
                        __coro_b1,
                        __coro_b2,
                        __coro_b3,
                        __coro_b4,
                    } => {
                        let _guard = __coro_b1;
                        {
                            let mut __coro_iter1 = __coro_b2;
                            {
                                let line = __coro_b3;
                                {
                                    let key = __coro_b4;
                                    {
                                        let __coro_discarded = __coro_p::take_arg(&mut __coro_arg);
                                    }
                                }
                            }
                            {
                                *__coro_s = __CoroState::Loop1 {
                                    __coro_b1: _guard,
                                    __coro_b2: __coro_iter1,
                                };
                                continue '__coro_dispatch;
                            }
                        }
                    }
                    __coro_ended => {
                        let __coro_poisoned = match __coro_ended {
                            __CoroState::Poisoned => true,
                            _ => false,
                        };
                        *__coro_s = __coro_ended;
                        {
                            if __coro_poisoned {
                                __coro_p::resumed_after_panic()
                            }
                            return __coro_p::Complete(());
                        }
                    }
                }
            }
        },
    )
}
