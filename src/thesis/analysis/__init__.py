"""Pure analyses over data read from the store as of a date.

Each module returns frozen result objects with ``summary()``, ``to_frame()`` and ``facts()``:
``levels`` (where the index stands), ``paths`` (target probabilities by Monte Carlo),
``valuation`` (ranges with conditions), ``cycles`` (Fed easing cycles), ``regimes`` (volatility
and safety), ``calibration`` (walk-forward scoring) and ``scorecard`` (what followed a past run).
Modules are imported on use, so ``import thesis.analysis`` stays light.
"""
