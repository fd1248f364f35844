//! Regression tests for bugs the differential fuzzer (fuzz/difftest) found; each module is one
//! shrunk reproducer from fuzz/failures.
// The reproducers keep the shapes the fuzzer generated.
#![allow(clippy::never_loop, clippy::ptr_arg)]

mod bug_2 {
    //! Bug 2 (found by coro-difftest, rejected: E0282 "type annotations needed" at a parameter):
    //! `return <yield-carrying loop>` as the body of another loop. The oracle (plain fn) compiles.
    //!   expected: compiles; yields 11, completes with 2
    //!   actual:   error[E0282]: type annotations needed --> `p0` ("consider giving `p0` an explicit type")
    use coro::{yield_, Generator, GeneratorState};

    #[coro::coroutine]
    fn return_loop_in_loop(p0: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
        loop {
            return loop {
                yield_!(11);
                let _x = p0;
                break 2;
            };
        }
    }

    #[test]
    fn runs() {
        let mut g = return_loop_in_loop(5);
        assert_eq!(g.resume(0), GeneratorState::Yielded(11));
        assert_eq!(g.resume(0), GeneratorState::Complete(2));
    }
}

mod bug_3 {
    //! Bug 3 (found by coro-difftest, rejected): `break 'label` inside a block that is an operand of
    //! an expression that yields. Both compile as plain fns.
    //! (a) E0426 "use of undeclared label `'b`": the block is the argument of `yield_!`.
    //! (b) E0381 "used binding isn't initialized" + E0384 "cannot assign twice to immutable
    //!     variable": the block is an operand after a `yield_!` operand.
    //! (c) E0426 for a loop label: `break 'l if c { yield_!(1) } else { .. break 'l 1; .. }`.
    //!   expected: compiles; l1 yields 1... see the tests
    use coro::{yield_, Generator, GeneratorState};

    #[coro::coroutine]
    fn label_in_yield_arg() -> impl Generator<i64, Yield = i64, Return = i64> {
        let x = 'b: {
            yield_!({
                if true {
                    break 'b 1;
                }
                1
            });
            2
        };
        x
    }

    fn h(a: i64, _b: i64) -> i64 {
        a
    }

    #[coro::coroutine]
    fn label_in_later_operand() -> impl Generator<i64, Yield = i64, Return = i64> {
        let x = 'b: {
            h(yield_!(1), {
                if true {
                    break 'b 1;
                }
                1
            });
            2
        };
        x
    }

    // The rewritten `break 'l 7` leaves through a jump, so rustc sees the inner `loop` as
    // diverging and warns about the assignment of its value.
    #[allow(unreachable_code)]
    #[coro::coroutine]
    fn loop_label_in_break_value(c: bool) -> impl Generator<i64, Yield = i64, Return = i64> {
        'l: loop {
            break 'l if c {
                yield_!(1)
            } else {
                loop {
                    break 'l 7;
                }
            };
        }
    }

    #[test]
    fn label_in_yield_arg_leaves_the_block() {
        let mut g = label_in_yield_arg();
        assert_eq!(g.resume(0), GeneratorState::Complete(1));
    }

    #[test]
    fn label_in_later_operand_leaves_the_block() {
        let mut g = label_in_later_operand();
        assert_eq!(g.resume(0), GeneratorState::Yielded(1));
        assert_eq!(g.resume(0), GeneratorState::Complete(1));
    }

    #[test]
    fn loop_label_in_break_value_leaves_the_loop() {
        let mut g = loop_label_in_break_value(false);
        assert_eq!(g.resume(0), GeneratorState::Complete(7));
    }
}

mod bug_4 {
    //! Bug 4 — FIXED in d05c1c7 ("rename: blocks of loops and other expressions open a scope too");
    //! kept as a regression test. Found by coro-difftest, rejected: a binding in a `loop` body (statement or value
    //! position) that shadows an outer name used after the loop, with a `yield_!` in the loop.
    //! README: "Shadowing behaves as in plain Rust". The renamer opens no scope for `loop` bodies
    //! (rename.rs handles Block, If, While, ForLoop, Match, Closure but not Expr::Loop).
    //!   expected: compiles; yields 100, completes with 7
    //!   actual:   error: `p0` is needed after this scope ends, but a `yield_!` inside the scope
    //!             suspends while another `p0` hides it; rename one of them
    use coro::{yield_, Generator, GeneratorState};

    #[coro::coroutine]
    fn shadow_in_loop(p0: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
        loop {
            let p0 = 100;
            yield_!(p0);
            break;
        }
        p0
    }

    #[test]
    fn outer_binding_visible_after_the_loop() {
        let mut g = shadow_in_loop(7);
        assert_eq!(g.resume(0), GeneratorState::Yielded(100));
        assert_eq!(g.resume(0), GeneratorState::Complete(7));
    }
}

mod bug_5 {
    //! Bug 5 (found by coro-difftest, rejected): `let n: i64 = f(&v);` is taken for a borrow of `v`
    //! held by `n` (analyze/walk.rs `borrows_in`: any one-argument call whose argument is `&local`),
    //! even though `n` is an `i64`. The binding is kept across the next `yield_!` (it "owns its
    //! value") and the coroutine is rejected. When `v` shadows another binding the message names
    //! the internal `__coro_h1_v`.
    //!   expected: compiles; yields 1, completes with 1
    //!   actual:   error: `n` borrows `v` and is still in use after the `yield_!` on line ..
    use coro::{yield_, Generator, GeneratorState};

    fn peek(v: &Vec<i64>) -> i64 {
        v.len() as i64
    }

    #[coro::coroutine]
    fn value_computed_from_a_reference() -> impl Generator<i64, Yield = i64, Return = i64> {
        let v = vec![7];
        let n: i64 = peek(&v);
        yield_!(1);
        n
    }

    #[test]
    fn runs() {
        let mut g = value_computed_from_a_reference();
        assert_eq!(g.resume(0), GeneratorState::Yielded(1));
        assert_eq!(g.resume(0), GeneratorState::Complete(1));
    }
}

mod receiver_mentioned_in_a_yielding_argument {
    use coro::{yield_, Generator, GeneratorState};

    // Found by the differential fuzzer: the receiver `v` was moved into a temporary because a
    // later argument mentions it.
    #[coro::coroutine]
    fn push_len(mut v: Vec<i64>) -> impl Generator<i64, Yield = i64, Return = Vec<i64>> {
        v.push(yield_!(1) + v.len() as i64);
        v
    }

    #[test]
    fn receiver_stays_in_place() {
        let mut g = push_len(vec![7]);
        assert_eq!(g.resume(0), GeneratorState::Yielded(1));
        assert_eq!(g.resume(10), GeneratorState::Complete(vec![7, 11]));
    }
}

mod by_value_receiver_assigned_in_a_later_argument {
    use coro::{yield_, Generator, GeneratorState};

    // Found by the differential fuzzer: a `Copy` receiver must be read before an argument that
    // assigns to it, as Rust evaluates the receiver first. (The assignment is dead on purpose.)
    #[allow(unused_assignments)]
    #[coro::coroutine]
    fn receiver_first(mut p0: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
        p0 = p0.wrapping_add(1i64.min(if p0 > 0 {
            p0 ^= p0;
            1
        } else {
            yield_!(1)
        }));
        p0
    }

    #[test]
    fn receiver_is_read_before_the_arguments() {
        assert_eq!(receiver_first(6).resume(0), GeneratorState::Complete(7));
        let mut g = receiver_first(-3);
        assert_eq!(g.resume(0), GeneratorState::Yielded(1));
        assert_eq!(g.resume(0), GeneratorState::Complete(-3));
    }
}

mod yield_in_an_assigned_index {
    use coro::{yield_, Generator, GeneratorState};

    // Found by the differential fuzzer: `a[i(yield_!(..))] = v` was rejected.
    #[coro::coroutine]
    fn set_at() -> impl Generator<usize, Yield = &'static str, Return = [u8; 3]> {
        let mut a = [0u8; 3];
        a[yield_!("where?") % 3] = 9;
        a
    }

    #[test]
    fn index_evaluated_after_resume() {
        let mut g = set_at();
        assert_eq!(g.resume(0), GeneratorState::Yielded("where?"));
        assert_eq!(g.resume(4), GeneratorState::Complete([0, 9, 0]));
    }
}

mod array_declared_after_a_returning_block {
    use coro::{yield_, Generator, GeneratorState};

    // Found by the differential fuzzer: an array declared in unreachable code was given a frame
    // slot whose type nothing fixed (E0282).
    #[allow(unreachable_code)]
    #[coro::coroutine]
    fn unreachable_after_block() -> impl Generator<i64, Yield = i64, Return = i64> {
        'c: {
            return yield_!(-3);
        }
        let arr: [i64; 3] = [1, 2, 3];
        arr[0]
    }

    #[test]
    fn returns_the_resume_value() {
        let mut g = unreachable_after_block();
        assert_eq!(g.resume(0), GeneratorState::Yielded(-3));
        assert_eq!(g.resume(5), GeneratorState::Complete(5));
    }
}

mod break_in_a_for_iterator_expression {
    use coro::{yield_, Generator, GeneratorState};

    // Found by the differential fuzzer: a `break` in the iterator expression of a `for` leaves
    // the enclosing loop (the expression runs before the `for` starts).
    #[coro::coroutine]
    fn break_in_iterator_expression() -> impl Generator<i64, Yield = i64, Return = i64> {
        let x = loop {
            let v = yield_!(1);
            for _ in [{
                if v > 0 {
                    break v;
                }
                3
            }] {
                yield_!(2);
            }
            break 5;
        };
        x
    }

    #[test]
    fn break_leaves_the_outer_loop() {
        let mut g = break_in_iterator_expression();
        assert_eq!(g.resume(0), GeneratorState::Yielded(1));
        assert_eq!(g.resume(7), GeneratorState::Complete(7));
        let mut g = break_in_iterator_expression();
        g.resume(0);
        assert_eq!(g.resume(0), GeneratorState::Yielded(2));
        assert_eq!(g.resume(0), GeneratorState::Complete(5));
    }
}

mod parenthesised_condition_with_a_struct_literal {
    use coro::{yield_, Generator, GeneratorState};

    struct P {
        a: i64,
    }

    // Found by the differential fuzzer: the parentheses around a lowered condition were dropped.
    #[coro::coroutine]
    fn paren_cond() -> impl Generator<i64, Yield = i64, Return = i64> {
        #[allow(unused_parens)]
        if (yield_!(1) > P { a: 3 }.a) {
            return 1;
        }
        0
    }

    #[test]
    fn keeps_the_parentheses() {
        let mut g = paren_cond();
        assert_eq!(g.resume(0), GeneratorState::Yielded(1));
        assert_eq!(g.resume(5), GeneratorState::Complete(1));
    }
}

mod bug_9 {
    //! Bug 9 (found by coro-difftest, rejected: E0689 "can't call method on ambiguous numeric
    //! type"): a local whose value was used by value (`^ p0`, `let _q = p0`) and is assigned
    //! again after a `yield_!` is declared afresh in the later arm (`let mut p0;`), where it only
    //! had the type of what that arm assigns (`11`: `{integer}`). The arm now declares it with
    //! the type the source gives it: a parameter's, an annotation's, the resume type for
    //! `let x = yield_!(..)`, a suffixed literal's, a cast's.
    use coro::{yield_, Generator, GeneratorState};

    #[coro::coroutine]
    fn assign_block(mut p0: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
        p0 = 'b: {
            let Some(_x) = Some(yield_!(1) ^ p0) else {
                return p0;
            };
            11
        };
        p0.wrapping_sub(1)
    }

    #[coro::coroutine]
    fn reassigned_param(mut p0: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
        let _q = p0;
        yield_!(1);
        p0 = 11;
        p0.wrapping_sub(1)
    }

    #[coro::coroutine]
    fn reassigned_locals() -> impl Generator<i64, Yield = i64, Return = i64> {
        let mut a = 5i64;
        let mut b = yield_!(0);
        let mut c = 7u8 as i64;
        let (_qa, _qb, _qc) = (a, b, c);
        yield_!(1);
        a = 1;
        b = 2;
        c = 3;
        a.wrapping_add(b).wrapping_add(c)
    }

    #[coro::coroutine]
    fn reassigned_str() -> impl Generator<i64, Yield = i64, Return = i64> {
        let mut s = "a";
        let _q = s;
        yield_!(1);
        let owned = String::from("xyz");
        s = &owned;
        s.len() as i64
    }

    #[test]
    fn runs() {
        let mut g = assign_block(5);
        assert_eq!(g.resume(0), GeneratorState::Yielded(1));
        assert_eq!(g.resume(0), GeneratorState::Complete(10));
        let mut g = reassigned_param(5);
        assert_eq!(g.resume(0), GeneratorState::Yielded(1));
        assert_eq!(g.resume(0), GeneratorState::Complete(10));
        let mut g = reassigned_locals();
        assert_eq!(g.resume(0), GeneratorState::Yielded(0));
        assert_eq!(g.resume(9), GeneratorState::Yielded(1));
        assert_eq!(g.resume(0), GeneratorState::Complete(6));
        let mut g = reassigned_str();
        assert_eq!(g.resume(0), GeneratorState::Yielded(1));
        assert_eq!(g.resume(0), GeneratorState::Complete(3));
    }
}

mod bug_12 {
    //! Bug 12 (found by coro-difftest, rejected: E0384 "cannot assign twice to immutable
    //! variable"): `break 'b v` out of a `yield_!` argument that yields again afterwards. The
    //! yields after the break are unreachable; the ownership analysis (a must-analysis, for which
    //! unreachable code owns everything) kept the block's value temporary (`let v;`) there, and
    //! the arm that assigns it later assigned it a second time.
    use coro::{yield_, Generator, GeneratorState};

    #[allow(unreachable_code, unused_labels)]
    #[coro::coroutine]
    fn break_out_of_yield_argument() -> impl Generator<i64, Yield = i64, Return = i64> {
        let x = 'b: {
            let _y = yield_!({
                'c: {
                    break 'b 10;
                }
                yield_!(1);
                9
            });
            3
        };
        x
    }

    #[test]
    fn leaves_the_block_with_its_value() {
        let mut g = break_out_of_yield_argument();
        assert_eq!(g.resume(0), GeneratorState::Complete(10));
    }
}

mod receiver_assigned_inside_a_yield_from_argument {
    //! Found by the differential fuzzer (seed 1732328504867982310, campaign 777): a by-value
    //! place receiver must be read before the arguments when an argument assigns to it (bug
    //! 8), but an assignment inside a `yield_from!(..)` argument was not seen, so the
    //! receiver was read after it (a silent divergence).
    use coro::{yield_, yield_from, Generator, GeneratorState};

    #[coro::coroutine]
    fn sub(a: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
        yield_!(a);
        1
    }

    #[coro::coroutine]
    #[allow(unused_assignments)]
    fn receiver(mut p0: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
        p0 = p0.wrapping_add(yield_from!(sub(if p0 == 0 {
            1
        } else {
            p0 ^= 1;
            1
        })));
        p0
    }

    #[test]
    fn the_receiver_is_read_before_the_argument_assigns_it() {
        let mut g = receiver(5);
        assert_eq!(g.resume(0), GeneratorState::Yielded(1));
        // 5 (read first) + 1, not 4 + 1.
        assert_eq!(g.resume(0), GeneratorState::Complete(6));
    }
}

mod bug_15 {
    //! Bug 15 (found by coro-difftest, silent wrong value): bug 8 with the assignment inside
    //! the `yield_!` argument; the by-value receiver was read after `p0 |= 2`.
    use coro::{yield_, Generator, GeneratorState};

    #[coro::coroutine]
    #[allow(unused_assignments)]
    fn receiver_assigned_in_argument(mut p0: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
        p0 = p0.wrapping_add(yield_!({
            p0 |= 2;
            1
        }));
        p0
    }

    #[test]
    fn reads_the_receiver_first() {
        let mut g = receiver_assigned_in_argument(5);
        assert_eq!(g.resume(0), GeneratorState::Yielded(1));
        assert_eq!(g.resume(1), GeneratorState::Complete(6));
    }
}

mod bug_16 {
    //! Bug 16 (found by coro-difftest, rejected: E0381): `break 'l loop { continue 'l; }`
    //! becomes `tmp = loop { continue 'l; }`, whose `continue` the analysis did not follow, so
    //! `x` looked dead after the `yield_!` and was not kept for the next iteration.
    use coro::{yield_, Generator, GeneratorState};

    #[allow(unreachable_code)]
    #[coro::coroutine]
    fn continue_from_break_value() -> impl Generator<i64, Yield = i64, Return = i64> {
        let x = 1;
        let mut c: i64 = 0;
        let n = 'l: loop {
            if c >= 2 {
                break 'l -1;
            }
            c += 1;
            yield_!(x);
            break 'l (loop {
                continue 'l;
            });
        };
        n
    }

    #[coro::coroutine]
    fn assigned_from_a_continuing_match(mut v: Vec<i64>) -> impl Generator<i64, Yield = i64, Return = usize> {
        let mut w: Vec<i64> = Vec::new();
        for i in 0..3 {
            yield_!(i);
            w = match i {
                1 => continue,
                _ => v.split_off(0),
            };
            v = w.clone();
        }
        w.len() + v.len()
    }

    #[test]
    fn continues_the_outer_loop() {
        let mut g = continue_from_break_value();
        assert_eq!(g.resume(0), GeneratorState::Yielded(1));
        assert_eq!(g.resume(0), GeneratorState::Yielded(1));
        assert_eq!(g.resume(0), GeneratorState::Complete(-1));
        let mut g = assigned_from_a_continuing_match(vec![1, 2]);
        for i in 0..3 {
            assert_eq!(g.resume(0), GeneratorState::Yielded(i));
        }
        assert_eq!(g.resume(0), GeneratorState::Complete(4));
    }
}

mod bug_17 {
    //! Bug 17 (found by coro-difftest, rejected: E0282): bug 10 with a `yield_!` in the array's
    //! initialiser; the unreachable `let` got a frame slot whose type nothing fixes.
    use coro::{yield_, Generator, GeneratorState};

    #[allow(unreachable_code)]
    #[coro::coroutine]
    fn array_after_return(p0: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
        {
            return p0;
        }
        let arr: [i64; 3] = [1, 1, yield_!(3)];
        arr[2]
    }

    #[test]
    fn returns_at_once() {
        assert_eq!(array_after_return(5).resume(0), GeneratorState::Complete(5));
    }
}

mod bug_18 {
    //! Bug 18 (found by coro-difftest, divergence in drop order): a local moved into an
    //! expression before a yielding operand stayed in its binding across the suspension, so a
    //! coroutine dropped there dropped it after younger locals. It now goes to a temporary, as
    //! in the plain fn; `&mut` bindings (reborrowed, not moved) stay in place.
    use std::cell::RefCell;

    use coro::{yield_, Generator, GeneratorState};

    thread_local!(static LOG: RefCell<Vec<i64>> = const { RefCell::new(Vec::new()) });

    struct Noisy(i64);

    impl Drop for Noisy {
        fn drop(&mut self) {
            LOG.with(|l| l.borrow_mut().push(self.0));
        }
    }

    struct P {
        #[allow(dead_code)]
        n: Noisy,
        #[allow(dead_code)]
        a: i64,
    }

    fn take(n: Noisy, a: i64) -> i64 {
        n.0 + a
    }

    #[coro::coroutine]
    fn moved_into_literal(a0: Noisy, a1: Noisy) -> impl Generator<i64, Yield = i64, Return = i64> {
        let _x = P { n: a0, a: yield_!(3) };
        let _keep = &a1;
        1
    }

    #[coro::coroutine]
    fn moved_into_call(a0: Noisy, a1: Noisy) -> impl Generator<i64, Yield = i64, Return = i64> {
        let s = take(a0, yield_!(3));
        let _keep = &a1;
        s
    }

    fn push_twice(v: &mut Vec<i64>, x: i64) {
        v.push(x);
        v.push(x);
    }

    fn add(r: &mut i64, x: i64) {
        *r += x;
    }

    #[coro::coroutine]
    fn reborrowed<'a>(v: &'a mut Vec<i64>) -> impl Generator<i64, Yield = i64, Return = usize> + 'a {
        push_twice(v, yield_!(1));
        let mut x = 1;
        add(&mut x, yield_!(2));
        v.push(x);
        v.len()
    }

    fn log() -> Vec<i64> {
        LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
    }

    #[test]
    fn dropped_like_the_plain_fn() {
        log();
        let mut g = moved_into_literal(Noisy(5), Noisy(1));
        assert_eq!(g.resume(0), GeneratorState::Yielded(3));
        drop(g);
        assert_eq!(log(), vec![5, 1]);
        let mut g = moved_into_call(Noisy(5), Noisy(1));
        assert_eq!(g.resume(0), GeneratorState::Yielded(3));
        drop(g);
        assert_eq!(log(), vec![5, 1]);
        let mut g = moved_into_call(Noisy(5), Noisy(1));
        g.resume(0);
        assert_eq!(g.resume(2), GeneratorState::Complete(7));
        assert_eq!(log(), vec![5, 1]);
    }

    #[test]
    fn mut_references_are_reborrowed() {
        let mut v = Vec::new();
        let mut g = reborrowed(&mut v);
        g.resume(0);
        g.resume(7);
        assert_eq!(g.resume(10), GeneratorState::Complete(3));
        drop(g);
        assert_eq!(v, [7, 7, 11]);
    }
}

mod bug_19 {
    //! Bug 19 (found by coro-difftest, rejected: E0381; a regression of the fix for bug 12): an
    //! unreachable `yield_!` kept only its live locals, but its arm goes on to build the loop
    //! head's state, which keeps the locals that still own their value. Unreachable entries now
    //! also keep what the reachable states they lead to keep.
    use coro::{yield_, Generator, GeneratorState};

    #[allow(unreachable_code, unused_labels)]
    #[coro::coroutine]
    fn unreachable_yield_in_loop() -> impl Generator<i64, Yield = i64, Return = i64> {
        let _w: Vec<i64> = vec![1];
        let mut c: i64 = 0;
        'l: loop {
            if c >= 1 {
                break 'l;
            }
            c += 1;
            'b: {
                continue 'l;
            }
            yield_!(6);
        }
        c
    }

    // Seed 16655295959257888179: the unreachable yield's arm goes on to the outer yield, whose
    // state keeps the parameter that still owns its value.
    #[allow(unreachable_code, unused_labels, clippy::diverging_sub_expression)]
    #[coro::coroutine]
    fn unreachable_yield_in_an_operand(p0: Vec<i64>, p1: i64) -> impl Generator<i64, Yield = i64, Return = ()> {
        yield_!(p1 & if p1 > 0 {
            -4
        } else {
            'b: {
                return;
            }
            yield_!(10)
        });
    }

    #[test]
    fn runs() {
        assert_eq!(unreachable_yield_in_loop().resume(0), GeneratorState::Complete(1));
        let mut g = unreachable_yield_in_an_operand(vec![1], 5);
        assert_eq!(g.resume(0), GeneratorState::Yielded(4));
        assert_eq!(g.resume(0), GeneratorState::Complete(()));
        let mut g = unreachable_yield_in_an_operand(vec![1], -1);
        assert_eq!(g.resume(0), GeneratorState::Complete(()));
    }
}

mod bug_20 {
    //! Bug 20 (found by coro-difftest, rejected: E0382): the callee of a call whose argument
    //! reads it and yields went to a temporary, moving the closure; it now stays in place.
    use coro::{yield_, Generator, GeneratorState};

    #[coro::coroutine]
    fn callee_read_by_argument(v: Vec<i64>, p1: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
        let f = move |q: i64| -> i64 { q + v.len() as i64 };
        f({
            let x = f(1);
            yield_!(x);
            p1
        })
    }

    #[test]
    fn calls_in_place() {
        let mut g = callee_read_by_argument(vec![1, 2], 10);
        assert_eq!(g.resume(0), GeneratorState::Yielded(3));
        assert_eq!(g.resume(0), GeneratorState::Complete(12));
    }
}

mod leap_after_a_loop_entered_part_way {
    //! Found by the differential fuzzer once loop heads were emitted inline (seed
    //! 13487895967206156601): in the arm of a `yield_!` inside an inner loop, the code after
    //! that loop was emitted while the inner loop was still the innermost one, so its `break`
    //! named the inner loop's frame (E0426, undeclared label).
    use coro::{yield_, Generator, GeneratorState};

    #[coro::coroutine]
    fn nested() -> impl Generator<Yield = i64, Return = i64> {
        let mut n = 0;
        loop {
            let mut c = 0;
            loop {
                if c >= 2 {
                    break;
                }
                c += 1;
                yield_!(10 * n + c);
            }
            n += 1;
            if n == 2 {
                break;
            }
        }
        n
    }

    #[test]
    fn the_break_after_the_inner_loop_leaves_the_outer_one() {
        let mut g = nested();
        for v in [1, 2, 11, 12] {
            assert_eq!(g.resume(()), GeneratorState::Yielded(v));
        }
        assert_eq!(g.resume(()), GeneratorState::Complete(2));
    }
}

mod closure_kept_in_a_loop {
    //! Found by the differential fuzzer once loop heads were emitted inline (seed
    //! 17307861127928218014): a closure written in a loop body that two arms both run is two
    //! closure types, and the kept local cannot hold both (E0308). Bodies that write closures
    //! keep each statement in one arm.
    use coro::{yield_, Generator};

    #[coro::coroutine]
    fn adders() -> impl Generator<Yield = i64, Return = ()> {
        let mut i = 0;
        while i < 3 {
            let add = move |x: i64| x + i;
            yield_!(add(10));
            yield_!(add(20));
            i += 1;
        }
    }

    #[test]
    fn runs() {
        let got: Vec<i64> = coro::iter(adders()).collect();
        assert_eq!(got, [10, 20, 11, 21, 12, 22]);
    }
}

mod pinned_slot_declared_after_a_continue {
    //! Found by the differential fuzzer (seed 15985597589094682496, campaign 777): an array
    //! kept in a frame slot, declared in code that follows a `{ continue; }` but also follows
    //! a resume point, so the analysis saw it as reachable while no emitted code declares it:
    //! the slot's type was left to infer (E0282).
    use coro::{yield_, Generator, GeneratorState};

    #[coro::coroutine]
    #[allow(unreachable_code)]
    fn slot_after_continue(p: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
        let mut c = 0;
        loop {
            if c >= 1 {
                break;
            }
            c += 1;
            {
                continue;
            }
            if let Some(_x) = Some(match p {
                0 => 7,
                _ => {
                    if true {
                        yield_!(5);
                        break;
                    }
                    let big = [1; 64];
                    big[0]
                }
            }) {}
        }
        c
    }

    #[test]
    fn runs() {
        assert_eq!(slot_after_continue(3).resume(0), GeneratorState::Complete(1));
    }
}

mod closure_called_with_a_yield_in_its_arguments {
    //! Found by the differential fuzzer (seed 11621973846264601584, campaign 4242; older than
    //! the campaign): the callee of `f(.., yield_!(..))` was moved into a temporary before the
    //! arguments, which consumes a closure held in a local, so a second call in a loop was a
    //! use of a moved value (E0382). A plain fn calls it by reference.
    use coro::{yield_, Generator};

    #[coro::coroutine]
    fn calls_twice() -> impl Generator<i64, Yield = i64, Return = i64> {
        let k = String::from("0123456789");
        let add = move |x: i64| x + k.len() as i64;
        let mut total = 0;
        for _ in 0..2 {
            total += add(yield_!(add(total)));
        }
        total
    }

    #[test]
    fn the_closure_stays_callable() {
        let mut g = calls_twice();
        assert_eq!(g.resume(0), coro::GeneratorState::Yielded(10));
        assert_eq!(g.resume(1), coro::GeneratorState::Yielded(21));
        assert_eq!(g.resume(2), coro::GeneratorState::Complete(23));
    }
}

mod local_moved_into_an_operand_before_a_yield {
    //! Found by the differential fuzzer (seeds 1851336071282111726 and 15045671422851838779,
    //! campaign 4242; older than the campaign): in `P { n: x, a: yield_!(..) }`, `x` was left
    //! in place until after the yield, so dropping the suspended machine dropped it after the
    //! locals declared before it; a plain fn has already moved it into the value under
    //! construction, which unwinding drops first.
    use coro::{yield_, Generator, GeneratorState};

    struct Noisy(&'static str, std::rc::Rc<std::cell::RefCell<Vec<&'static str>>>);

    impl Drop for Noisy {
        fn drop(&mut self) {
            self.1.borrow_mut().push(self.0);
        }
    }

    struct P {
        _n: Noisy,
        _a: i64,
    }

    #[coro::coroutine]
    fn builds(log: std::rc::Rc<std::cell::RefCell<Vec<&'static str>>>) -> impl Generator<i64, Yield = i64, Return = ()> {
        let first = Noisy("first", log.clone());
        let earlier = Noisy("earlier", log.clone());
        let _p = P { _n: first, _a: yield_!(1) };
        drop(earlier);
    }

    #[test]
    fn the_moved_value_is_dropped_first() {
        let log = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let mut g = builds(log.clone());
        assert_eq!(g.resume(0), GeneratorState::Yielded(1));
        drop(g);
        assert_eq!(*log.borrow(), ["first", "earlier"]);
    }
}

mod yield_after_a_labeled_block_that_returns {
    //! Found by the differential fuzzer (seed 14070825552849169615, campaign 90210): code after
    //! `'b: { return; }` is unreachable, which the analysis knew and the emitter did not, so the
    //! (unreachable) yield after it got a state whose arm read locals nobody kept (E0381). The
    //! closure makes loop heads and joins states, which is where it showed.
    use coro::{yield_, Generator, GeneratorState};

    #[coro::coroutine]
    #[allow(unreachable_code, unused_labels, unused_variables, clippy::all)]
    fn returns_early(p0: Vec<i64>) -> impl Generator<i64, Yield = i64, Return = ()> {
        let mut c1: i64 = 0;
        while c1 < 1 {
            c1 += 1;
            let mut c2: i64 = 0;
            loop {
                if c2 >= 2 {
                    break;
                }
                c2 += 1;
                let x: i64 = { 1i64.min(p0.get(2).copied().unwrap_or(0)) };
            }
            match 5 {
                x if true => {
                    if true {
                        'b: {
                            return;
                        }
                        let v: i64 = yield_!(1);
                    } else {
                        let f = move |q: i64| -> i64 { 1 };
                    };
                    for y in 0i64..4 {}
                }
                _ => {}
            };
        }
    }

    #[test]
    fn runs() {
        assert_eq!(returns_early(vec![1, 2, 3]).resume(0), GeneratorState::Complete(()));
    }
}

/// A value that yields, used as the receiver of a `&mut self` method (`yield_!().drain(..)`,
/// `{ ..yield_!().. }.push(..)`): in plain Rust the receiver is a mutable temporary, and the
/// local the lowering keeps it in was not `mut` (E0596).
mod yielding_value_as_mut_receiver {
    use coro::{yield_, Generator, GeneratorState};

    #[coro::coroutine]
    fn drains() -> impl Generator<Vec<u8>, Yield = (), Return = (usize, Vec<u8>, String)> {
        let n = {
            let v = yield_!();
            v
        }
        .drain(..)
        .count();
        let mut w = Vec::new();
        w.extend(yield_!().drain(..1));
        let mut s = format!("{}", yield_!().len());
        s.push('!');
        (n, w, s)
    }

    #[test]
    fn runs() {
        let mut g = drains();
        assert_eq!(g.resume(vec![]), GeneratorState::Yielded(()));
        assert_eq!(g.resume(vec![1, 2, 3]), GeneratorState::Yielded(()));
        assert_eq!(g.resume(vec![9, 8]), GeneratorState::Yielded(()));
        assert_eq!(g.resume(vec![0; 4]), GeneratorState::Complete((3, vec![9], String::from("4!"))));
    }
}

mod bug_25 {
    //! Bug 25 (found by coro-difftest, rejected: E0381 "used binding `p0` isn't initialized"):
    //! a `continue` inside a `yield_!` argument leaves before the suspension; the analysis did
    //! not follow it to the loop head, which reads `p0`, so `p0` was not kept at the yield before.
    // As a plain fn, the yield of a diverging value is unreachable code too.
    #![allow(unreachable_code, clippy::diverging_sub_expression)]
    use coro::{yield_, Generator, GeneratorState};

    #[coro::coroutine]
    fn continue_in_a_yield_argument(p0: i64) -> impl Generator<Yield = i64, Return = i64> {
        let mut c = 0;
        'l: loop {
            if c >= 2 {
                break 'l;
            }
            c += 1;
            if c > 0 {
                yield_!(p0 + c);
                yield_!({
                    continue 'l;
                });
            }
            return 1;
        }
        0
    }

    #[test]
    fn the_continue_reaches_the_loop_head() {
        let mut g = continue_in_a_yield_argument(4);
        assert_eq!(g.resume(()), GeneratorState::Yielded(5));
        assert_eq!(g.resume(()), GeneratorState::Yielded(6));
        assert_eq!(g.resume(()), GeneratorState::Complete(0));
    }
}

mod bug_26 {
    //! Bug 26 (found by coro-difftest, drop order): two `let`s of one name, neither used
    //! again, were renamed alike by the pass that shows unused locals to rustc, so the second
    //! ended the first for the machine, which dropped it at the next `yield_!`.
    #![allow(unused_variables)]
    use std::cell::RefCell;

    use coro::{yield_, Generator, GeneratorState};

    thread_local!(static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) });

    struct Noisy(&'static str);

    impl Drop for Noisy {
        fn drop(&mut self) {
            LOG.with(|l| l.borrow_mut().push(format!("drop {}", self.0)));
        }
    }

    #[coro::coroutine]
    fn two_unused_of_one_name() -> impl Generator<i64, Yield = i64, Return = ()> {
        let x = Noisy("first");
        let x = yield_!(1);
        yield_!(2);
        LOG.with(|l| l.borrow_mut().push("end".into()));
    }

    #[test]
    fn the_first_lives_to_the_end_of_its_scope() {
        let mut g = two_unused_of_one_name();
        while let GeneratorState::Yielded(y) = g.resume(0) {
            LOG.with(|l| l.borrow_mut().push(format!("yield {y}")));
        }
        assert_eq!(LOG.with(|l| l.take()), ["yield 1", "yield 2", "end", "drop first"]);
    }
}

/// Found by porting rustc's coroutine tests (issue-93161's `partial_init`): a body may end in a
/// `let` whose initializer never completes, as a plain fn's may; it used to get a `()`
/// completion after it ("expected `u32`, found `()`" at the attribute).
mod diverging_let_ends_the_body {
    #![allow(unreachable_code, clippy::diverging_sub_expression)]
    use coro::{yield_, Generator, GeneratorState};

    #[coro::coroutine]
    fn returns_from_a_let() -> impl Generator<Yield = u32, Return = u32> {
        yield_!(1);
        let _never: u32 = return 5;
    }

    #[coro::coroutine]
    fn returns_from_a_tuple_operand(x: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
        let _partial: (String, u32) = (String::from("built"), return yield_!(x) + 1);
    }

    #[coro::coroutine]
    fn panics_in_a_let() -> impl Generator<Yield = u32, Return = u32> {
        yield_!(1);
        let _never: u32 = panic!("not yet");
    }

    #[test]
    fn each_completes_or_panics_like_a_plain_fn() {
        let mut g = returns_from_a_let();
        assert_eq!(g.resume(()), GeneratorState::Yielded(1));
        assert_eq!(g.resume(()), GeneratorState::Complete(5));
        let mut g = returns_from_a_tuple_operand(3);
        assert_eq!(g.resume(0), GeneratorState::Yielded(3));
        assert_eq!(g.resume(7), GeneratorState::Complete(8));
        let mut g = panics_in_a_let();
        assert_eq!(g.resume(()), GeneratorState::Yielded(1));
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| g.resume(())));
        assert!(panicked.is_err());
    }
}
