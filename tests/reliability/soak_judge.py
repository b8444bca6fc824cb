"""Judging a memory soak: is the server's memory flat once it is warm?

A server's memory grows while it warms up (each request worker the engine
creates opens its own Xapian database and Analyzer with a Voikko handle, and
fills its bounded caches), then must stay flat however long it serves. So a
soak has two phases:

  warm-up   load runs until at least `min_warmup_s` have passed, the number
            of engine workers has not changed for `settle_samples` samples
            (every worker the load can use exists) and every bounded cache
            the run watches is full: its /metrics gauge has reached
            `cache_fill_frac` of its configured bound (`cache_bounds`), and
            (or, for a cache emptied each minute, `epoch_caches`, once it
            has been emptied twice: a slow load may keep a minute's answers
            below the bound), and at least `min_warmup_requests` requests
            were served (for the
            workers' query-word caches, which have no gauge: enough new
            words to fill each of them); memory may grow here.
  steady    the rest of the run; memory must not grow.

Why wait for the caches: a cache that fills to its bound is not a leak, but
while it fills it looks like one. A soak that judged memory before the
caches were full would either fail a healthy server or need allowances
loose enough to hide a leak. Once every cache is at its bound, nothing may
grow: whatever still grows is beyond the bounds. A soak whose caches never
fill (bounds too large for the load it can drive) has no steady window and
fails, rather than judging a half-warm server. The made-up-words soak runs
the server with small bounds so that they fill within its warm-up; the
bounds' sizes do not change what is tested (that memory stops at them).

The steady window passes if, for the judged figure (`Rules.figure`; the
reliability suite judges anonymous resident memory, RssAnon: the heap and
stacks, where a leak or allocator fragmentation shows. PSS, private memory
plus shared pages divided among their mappings, counts the Voikko dictionary
once rather than once per worker, but it also divides shared library pages
among the other processes on the machine: on a shared machine it jumped
21 -> 24 MB in a fixed-mix soak while RSS stayed flat at 44-45 MB and anon
moved 13.8 -> 14.8 MB, as other processes using the same libraries exited.
File-backed pages are bounded by the files' sizes anyway):

  growth  = mean of the window's last samples - mean of its first samples
            <= max(max_growth_frac * first, min_growth_mb); each mean over
            the samples of `growth_span_s` (a minute: the result and answer
            caches empty and refill once a minute, a sawtooth of a few MB
            that single samples would catch at a low or high point), at
            most a third of the window
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
    requests: int = 0  # requests served since the load started
    caches: dict = field(default_factory=dict)  # /metrics cache gauges: name -> bytes


@dataclass
class Rules:
    min_warmup_s: float = 120.0     # warm-up lasts at least this long
    settle_samples: int = 2         # ... and until the worker count held for this many samples
    max_growth_frac: float = 0.05   # steady window: growth at most 5 % ...
    min_growth_mb: float = 2.0      # ... or 2 MB, whichever is larger (allocator noise)
    growth_span_s: float = 60.0     # growth compares the means of the window's first and last minute
    max_slope_mb_min: float = 0.25  # steady window: least-squares slope at most this (MB/min)
    min_slope_window_s: float = 180.0  # ... judged only over a window at least this long
    min_steady_samples: int = 3     # a shorter window cannot be judged
    figure: str = "pss_mb"          # the Sample field judged (the suite uses anon_mb)
    max_workers: int = 0            # if > 0: more engine workers than this fails (the --search-workers bound)
    cache_bounds: dict = field(default_factory=dict)  # name -> bound (bytes) of caches that must fill first
    cache_fill_frac: float = 0.9    # ... a cache is full once its gauge reached this fraction of its bound
    epoch_caches: tuple = ()        # caches emptied each minute: also full once emptied twice (a whole minute seen)
    min_warmup_requests: int = 0    # warm-up serves at least this many requests


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


def growth(window, rules):
    """(first, last, growth): the means of PSS over the first and the last
    growth_span_s of the window (at least one sample, at most a third of
    it), and their difference."""
    n = len(window)
    k = sum(1 for s in window if s.t - window[0].t < rules.growth_span_s)
    k = max(1, min(k, n // 3))
    first = sum(getattr(s, rules.figure) for s in window[:k]) / k
    last = sum(getattr(s, rules.figure) for s in window[n - k:]) / k
    return first, last, last - first


def caches_full(samples, i, rules):
    """True if every cache in rules.cache_bounds has reached cache_fill_frac
    of its bound in some sample up to i (caches that drop a past minute's
    entries refill each minute, so the highest value so far counts) and
    samples[i] comes after min_warmup_requests requests."""
    if samples[i].requests < rules.min_warmup_requests:
        return False
    for name, bound in rules.cache_bounds.items():
        if not cache_full(samples, i, rules, name, bound):
            return False
    return True


def emptied(samples, i, name):
    """How often the gauge `name` fell below half its previous sample up to i."""
    vals = [s.caches.get(name, 0) for s in samples[:i + 1]]
    return sum(1 for a, b in zip(vals, vals[1:]) if b < a / 2)


def cache_full(samples, i, rules, name, bound):
    """A cache is full once its gauge has reached cache_fill_frac of its
    bound. One that empties each minute (epoch_caches: the result and answer
    caches) holds at most a minute's answers, which a slow load may keep below
    the bound: it is full too once it has been emptied twice, i.e. a whole
    minute of filling has been seen."""
    most = max((s.caches.get(name, 0) for s in samples[:i + 1]), default=0)
    if most >= rules.cache_fill_frac * bound:
        return True
    return name in rules.epoch_caches and emptied(samples, i, name) >= 2


def unfilled(samples, i, rules):
    """The caches (and request count) not yet full at sample i, for messages."""
    out = [f"{name} {max(s.caches.get(name, 0) for s in samples[:i + 1]) / 2**20:.1f}/{bound / 2**20:.1f} MiB"
           for name, bound in rules.cache_bounds.items() if not cache_full(samples, i, rules, name, bound)]
    if samples[i].requests < rules.min_warmup_requests:
        out.append(f"requests {samples[i].requests}/{rules.min_warmup_requests}")
    return out


def warmed_up(samples, i, rules):
    """True if the warm-up may end at sample i: min_warmup_s passed, the
    worker count held for settle_samples samples, and the caches are full."""
    s = samples[i]
    if s.t < rules.min_warmup_s:
        return False
    back = samples[max(0, i - rules.settle_samples):i + 1]
    if not (len(back) > rules.settle_samples and len({b.workers for b in back}) == 1):
        return False
    return caches_full(samples, i, rules)


def warmup_end(samples, rules):
    """Index of the first sample of the steady window (see warmed_up), or
    len(samples) if the warm-up never ends."""
    for i in range(len(samples)):
        if warmed_up(samples, i, rules):
            return i
    return len(samples)


def judge(samples, rules=None, first_steady=None):
    """Judges the steady window: from `first_steady` (the index of its first
    sample, when the caller ran the warm-up itself) or from warmup_end()."""
    rules = rules or Rules()
    v = Verdict(ok=True)
    v.warmup_end = warmup_end(samples, rules) if first_steady is None else first_steady
    window = samples[v.warmup_end:]
    if window and not caches_full(samples, v.warmup_end, rules):
        v.ok = False
        v.reasons.append("the steady window began before the caches were full ("
                         + ", ".join(unfilled(samples, v.warmup_end, rules)) + ")")
        return v
    if len(window) < rules.min_steady_samples:
        v.ok = False
        v.reasons.append(f"no steady window: {len(window)} samples after warm-up "
                         f"(need {rules.min_steady_samples}; did the worker count settle, did the caches fill?)")
        return v
    first, _, v.growth_mb = growth(window, rules)
    allowed = max(rules.max_growth_frac * first, rules.min_growth_mb)
    if v.growth_mb > allowed:
        v.ok = False
        v.reasons.append(f"{rules.figure} grew {v.growth_mb:+.1f} MB in the steady window (allowed {allowed:.1f})")
    v.slope_mb_min = slope_per_min([s.t for s in window], [getattr(s, rules.figure) for s in window])
    span = window[-1].t - window[0].t
    if span >= rules.min_slope_window_s and v.slope_mb_min > rules.max_slope_mb_min:
        v.ok = False
        v.reasons.append(f"{rules.figure} slope {v.slope_mb_min:+.2f} MB/min in the steady window "
                         f"(allowed {rules.max_slope_mb_min:.2f})")
    most = max(s.workers for s in samples)
    if rules.max_workers > 0 and most > rules.max_workers:
        v.ok = False
        v.reasons.append(f"{most} engine workers, more than the {rules.max_workers} search workers allowed")
    return v
