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


if __name__ == "__main__":
    unittest.main(verbosity=1)
