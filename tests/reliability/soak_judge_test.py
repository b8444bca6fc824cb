#!/usr/bin/python3
"""The soak judge on synthetic series: a warm server that is flat passes, and
a leak fails even when it is slow or hidden behind a warm-up.

    /usr/bin/python3 tests/reliability/soak_judge_test.py      (ctest: reliability_soak_judge)
"""

import os
import random
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from soak_judge import Rules, Sample, judge, slope_per_min  # noqa: E402


def series(pss_at, seconds=600, step=30, workers_at=lambda t: 16, seed=1):
    """Samples every `step` s with PSS pss_at(t) plus +-0.4 MB of noise."""
    rng = random.Random(seed)
    out = []
    for t in range(0, seconds + 1, step):
        pss = pss_at(t) + rng.uniform(-0.4, 0.4)
        out.append(Sample(t=t, pss_mb=pss, rss_mb=pss * 2.4, anon_mb=pss * 0.7, workers=workers_at(t)))
    return out


def warmup_then_flat(t):
    # the real shape: 40 MB at once, then +8 MB over the first 3 minutes, then flat
    return 40 + 8 * min(t, 180) / 180


class SoakJudgeTest(unittest.TestCase):
    def test_slope_of_a_line(self):
        self.assertAlmostEqual(slope_per_min([0, 60, 120], [10, 11, 12]), 1.0)
        self.assertEqual(slope_per_min([5], [10]), 0.0)

    def test_flat_with_noise_passes(self):
        for seed in range(50):
            v = judge(series(lambda t: 45, seed=seed))
            self.assertTrue(v.ok, (seed, v.reasons))

    def test_warmup_growth_then_flat_passes(self):
        # +20 % over the warm-up would fail a whole-run growth rule; here the
        # steady window after 2 minutes is judged
        rules = Rules(min_warmup_s=180)
        v = judge(series(warmup_then_flat), rules)
        self.assertTrue(v.ok, v.reasons)
        self.assertLess(abs(v.slope_mb_min), 0.1)

    def test_steady_leak_fails(self):
        # 0.5 MB/min from the start: 45 -> 50 MB over 10 minutes (+11 %)
        v = judge(series(lambda t: 45 + 0.5 * t / 60))
        self.assertFalse(v.ok)
        self.assertGreater(v.slope_mb_min, 0.4)

    def test_slow_leak_below_the_growth_rule_fails_on_slope(self):
        # 0.3 MB/min: +2.4 MB over the 8-minute window, inside the 5 % growth
        # allowance of a 48 MB process; the slope rule catches it
        v = judge(series(lambda t: warmup_then_flat(t) + 0.3 * t / 60))
        self.assertFalse(v.ok)
        self.assertTrue(any("slope" in r for r in v.reasons), v.reasons)

    def test_leak_hidden_behind_warmup_fails(self):
        v = judge(series(lambda t: warmup_then_flat(t) + 1.0 * t / 60))
        self.assertFalse(v.ok)

    def test_step_in_the_steady_window_fails(self):
        # a one-off jump of 10 MB at 7 minutes (e.g. a cache without a bound
        # filling for a new kind of request)
        v = judge(series(lambda t: 45 + (10 if t >= 420 else 0)))
        self.assertFalse(v.ok)

    def test_warmup_waits_for_the_workers(self):
        # workers appear until 4 minutes: the steady window starts after that
        workers = lambda t: min(16, 4 + t // 20)  # noqa: E731
        v = judge(series(lambda t: 30 + workers(t), workers_at=workers))
        self.assertTrue(v.ok, v.reasons)
        self.assertGreaterEqual(v.warmup_end * 30, 240)

    def test_the_judged_figure_is_chosen(self):
        # anon leaks 0.5 MB/min while PSS is flat (another process's pages): judged on anon it fails
        s = series(lambda t: 45)
        for x in s:
            x.anon_mb = 30 + 0.5 * x.t / 60
        self.assertTrue(judge(s).ok)
        self.assertFalse(judge(s, Rules(figure="anon_mb")).ok)

    def test_workers_beyond_the_thread_bound_fail(self):
        v = judge(series(lambda t: 45, workers_at=lambda t: 40), Rules(max_workers=32))
        self.assertFalse(v.ok)

    def test_short_window_is_judged_on_growth_only(self):
        # the quick CI form: 30 s judged; +1 MB in it is a steep slope but
        # within the growth allowance; +5 MB is not
        quick = Rules(min_warmup_s=10)
        self.assertTrue(judge(series(lambda t: 30 + t / 45, seconds=45, step=5), quick).ok)
        self.assertFalse(judge(series(lambda t: 30 + 5 * t / 45, seconds=45, step=5), quick).ok)

    def test_caller_given_warmup_end(self):
        s = series(warmup_then_flat)
        self.assertFalse(judge(s, Rules(), first_steady=1).ok)  # the warm-up judged as steady
        self.assertTrue(judge(s, Rules(), first_steady=7).ok)

    def test_too_short_a_window_fails(self):
        v = judge(series(lambda t: 45, seconds=120))
        self.assertFalse(v.ok)

    def test_workers_that_never_settle_fail(self):
        v = judge(series(lambda t: 45, workers_at=lambda t: t // 30))
        self.assertFalse(v.ok)


class MinuteSawtoothTest(unittest.TestCase):
    """The result and answer caches empty each minute and refill: PSS saws by
    a few MB with a one-minute period. Endpoint samples could land on a low
    and a high point; the means over a minute do not."""

    @staticmethod
    def saw(t, phase, height=4.0):
        return 40 + height * (((t + phase) % 60) / 60)

    def test_a_sawtooth_passes_at_any_phase(self):
        for phase in range(0, 60, 5):
            v = judge(series(lambda t: self.saw(t, phase), step=20, seed=phase))
            self.assertTrue(v.ok, (phase, v.reasons))
            self.assertLess(abs(v.growth_mb), 1.5, phase)

    def test_a_sawtooth_with_a_slow_leak_fails(self):
        v = judge(series(lambda t: self.saw(t, 10) + 0.4 * t / 60, step=20))
        self.assertFalse(v.ok)

    def test_a_step_at_the_end_fails(self):
        # 6 MB more for the last minute and a half of the run
        v = judge(series(lambda t: self.saw(t, 0) + (6 if t >= 510 else 0), step=20))
        self.assertFalse(v.ok)


MiB = 2 ** 20


def filling(seconds=600, step=20, fill_s=300, bound=2 * MiB, leak_mb_min=0.0, sawtooth=False, rate=15):
    """The made-up-words soak's shape: a cache gauge rising to its bound by
    `fill_s` (or, sawtooth, refilling each minute), PSS following it (30 MB
    plus 10 MB per full cache), plus an optional leak; `rate` requests/s."""
    rng = random.Random(7)
    out = []
    for t in range(0, seconds + 1, step):
        frac = min(1.0, t / fill_s)
        gauge = bound * frac
        if sawtooth:
            gauge = bound * min(1.0, (t % 60) / 40) * frac
        pss = 30 + 10 * frac + leak_mb_min * t / 60 + rng.uniform(-0.4, 0.4)
        out.append(Sample(t=t, pss_mb=pss, rss_mb=pss * 2, anon_mb=pss * 0.7, workers=4,
                          requests=rate * t, caches={"postings": gauge}))
    return out


class CacheFillTest(unittest.TestCase):
    rules = Rules(min_warmup_s=60, cache_bounds={"postings": 2 * MiB})

    def test_a_cache_filling_is_not_judged_as_growth(self):
        # +10 MB over 5 minutes while the cache fills: the warm-up waits for it
        v = judge(filling(), self.rules)
        self.assertTrue(v.ok, v.reasons)
        self.assertGreaterEqual(v.warmup_end * 20, 0.9 * 300)

    def test_without_waiting_the_same_run_fails(self):
        # the old rule (warm-up by time and workers only) judged the fill as growth
        self.assertFalse(judge(filling(), Rules(min_warmup_s=60)).ok)

    def test_a_leak_after_the_caches_are_full_fails(self):
        v = judge(filling(leak_mb_min=0.5), self.rules)
        self.assertFalse(v.ok)
        self.assertTrue(any("slope" in r or "grew" in r for r in v.reasons), v.reasons)

    def test_a_slow_leak_after_the_caches_are_full_fails(self):
        # 0.3 MB/min from the start over an 8-minute run whose cache fills in 2
        v = judge(filling(seconds=600, fill_s=120, leak_mb_min=0.3), self.rules)
        self.assertFalse(v.ok)

    def test_caches_that_never_fill_fail(self):
        # bounds too large for the load: no steady window, not a pass
        v = judge(filling(fill_s=6000), self.rules)
        self.assertFalse(v.ok)
        self.assertTrue(any("steady window" in r for r in v.reasons), v.reasons)

    def test_a_caller_ending_the_warmup_early_fails(self):
        # check_soak's own warm-up gave up (2 x warm-up time) with the cache half full
        v = judge(filling(), self.rules, first_steady=8)
        self.assertFalse(v.ok)
        self.assertTrue(any("before the caches were full" in r for r in v.reasons), v.reasons)

    def test_a_cache_refilled_each_minute_counts_once_it_reached_its_bound(self):
        # the result and answer caches drop a past minute's entries: the
        # gauge falls back at each minute, the highest value so far counts
        v = judge(filling(sawtooth=True), self.rules)
        self.assertTrue(v.ok, v.reasons)

    def test_a_minute_cache_below_its_bound_is_full_once_emptied_twice(self):
        # a slow load keeps a minute's answers at 70 % of the bound: it is
        # full after two minute turns, not never; a cache that is not emptied
        # each minute gets no such pass
        def samples(t_end=600):
            return [Sample(t=t, pss_mb=40, rss_mb=80, anon_mb=28, workers=4, requests=15 * t,
                           caches={"response": 0.7 * 2 * MiB * ((t % 60) + 20) / 80})
                    for t in range(0, t_end + 1, 20)]
        rules = Rules(min_warmup_s=60, cache_bounds={"response": 2 * MiB}, epoch_caches=("response",))
        v = judge(samples(), rules)
        self.assertTrue(v.ok, v.reasons)
        self.assertGreaterEqual(v.warmup_end * 20, 120)
        self.assertFalse(judge(samples(), Rules(min_warmup_s=60, cache_bounds={"response": 2 * MiB})).ok)

    def test_warmup_waits_for_enough_requests(self):
        # caches without a gauge (the workers' query-word caches) need a
        # number of new words: 15 req/s, 6000 requests = 400 s
        rules = Rules(min_warmup_s=60, cache_bounds={"postings": 2 * MiB}, min_warmup_requests=6000)
        v = judge(filling(), rules)
        self.assertTrue(v.ok, v.reasons)
        self.assertGreaterEqual(v.warmup_end * 20, 400)


if __name__ == "__main__":
    unittest.main(verbosity=1)
