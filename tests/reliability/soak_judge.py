"""Judging a memory soak: is the server's memory flat once it is warm?

A server's memory grows while it warms up (each request worker the engine
creates opens its own Xapian database and Analyzer with a Voikko handle, and
fills its bounded caches), then must stay flat however long it serves. So a
soak has two phases:

  warm-up   load runs until at least `min_warmup_s` have passed and the number
            of engine workers has not changed for `settle_samples` samples
            (every worker the load can use exists); memory may grow here.
  steady    the rest of the run; memory must not grow.

The steady window passes if, for the judged figure (PSS: private memory plus
shared pages divided among the mappings, so the Voikko dictionary that every
worker maps counts once, not once per worker):

  growth  = last - first sample of the window <= max(max_growth_frac * first, min_growth_mb)
  slope   = least-squares slope over the window <= max_slope_mb_min (MB/min)
  workers = never more than the server's --search-workers (the pool is bounded)

The slope catches a slow leak that the growth rule alone lets through: 0.25
MB/min is about 4 bytes per request at 1000 req/s. It is judged only over a
window of at least `min_slope_window_s` (over a 30 s window one new worker is
a steep "slope"); shorter windows (the quick CI form) are judged on growth.
Standard library only; tests/reliability/soak_judge_test.py checks the rules
on synthetic series (flat, warm-up then flat, a slow leak, a step).
"""

from dataclasses import dataclass, field


@dataclass
class Sample:
    t: float           # seconds since the load started
    pss_mb: float      # proportional set size (what the judge uses)
    rss_mb: float      # resident set size (reported)
    anon_mb: float     # anonymous resident memory (heap, stacks; reported)
    workers: int       # engine workers that exist (-1 if unknown)


@dataclass
class Rules:
    min_warmup_s: float = 120.0     # warm-up lasts at least this long
    settle_samples: int = 2         # ... and until the worker count held for this many samples
    max_growth_frac: float = 0.05   # steady window: growth at most 5 % ...
    min_growth_mb: float = 2.0      # ... or 2 MB, whichever is larger (allocator noise)
    max_slope_mb_min: float = 0.25  # steady window: least-squares slope at most this (MB/min)
    min_slope_window_s: float = 180.0  # ... judged only over a window at least this long
    min_steady_samples: int = 3     # a shorter window cannot be judged
    max_workers: int = 0            # if > 0: more engine workers than this fails (the --search-workers bound)


@dataclass
class Verdict:
    ok: bool
    warmup_end: int = 0             # index of the first steady sample
    growth_mb: float = 0.0
    slope_mb_min: float = 0.0
    reasons: list = field(default_factory=list)


def slope_per_min(ts, ys):
    """Least-squares slope of ys over ts (seconds), in units per minute."""
    n = len(ts)
    if n < 2:
        return 0.0
    mt, my = sum(ts) / n, sum(ys) / n
    var = sum((t - mt) ** 2 for t in ts)
    if var == 0:
        return 0.0
    return 60.0 * sum((t - mt) * (y - my) for t, y in zip(ts, ys)) / var


def warmup_end(samples, rules):
    """Index of the first sample of the steady window: after min_warmup_s and
    once the worker count held for settle_samples samples (or len(samples) if
    that never happens)."""
    for i, s in enumerate(samples):
        if s.t < rules.min_warmup_s:
            continue
        back = samples[max(0, i - rules.settle_samples):i + 1]
        if len(back) > rules.settle_samples and len({b.workers for b in back}) == 1:
            return i
    return len(samples)


def judge(samples, rules=None, first_steady=None):
    """Judges the steady window: from `first_steady` (the index of its first
    sample, when the caller ran the warm-up itself) or from warmup_end()."""
    rules = rules or Rules()
    v = Verdict(ok=True)
    v.warmup_end = warmup_end(samples, rules) if first_steady is None else first_steady
    window = samples[v.warmup_end:]
    if len(window) < rules.min_steady_samples:
        v.ok = False
        v.reasons.append(f"no steady window: {len(window)} samples after warm-up "
                         f"(need {rules.min_steady_samples}; did the worker count settle?)")
        return v
    first, last = window[0].pss_mb, window[-1].pss_mb
    v.growth_mb = last - first
    allowed = max(rules.max_growth_frac * first, rules.min_growth_mb)
    if v.growth_mb > allowed:
        v.ok = False
        v.reasons.append(f"PSS grew {v.growth_mb:+.1f} MB in the steady window (allowed {allowed:.1f})")
    v.slope_mb_min = slope_per_min([s.t for s in window], [s.pss_mb for s in window])
    span = window[-1].t - window[0].t
    if span >= rules.min_slope_window_s and v.slope_mb_min > rules.max_slope_mb_min:
        v.ok = False
        v.reasons.append(f"PSS slope {v.slope_mb_min:+.2f} MB/min in the steady window "
                         f"(allowed {rules.max_slope_mb_min:.2f})")
    most = max(s.workers for s in samples)
    if rules.max_workers > 0 and most > rules.max_workers:
        v.ok = False
        v.reasons.append(f"{most} engine workers, more than the {rules.max_workers} search workers allowed")
    return v
