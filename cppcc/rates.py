"""How a rate is written in every report (docs/domain.md#rounding): one place for the rounding rule.

One decimal, rounded half up (79/80 = 98.8%); exactly 100% is written 100% (as the seed writes
办复率100%); a rate below 100% never shows as 100% (99.96% shows as 99.9%). A rate over nothing is
shown as a dash, never as 0% or 100%.
"""

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def defined(self) -> bool:
        return self.denominator > 0

    @property
    def percent(self) -> Decimal | None:
        """The percentage as shown (Decimal with one decimal, or 100 exactly), None over nothing."""
        if not self.defined:
            return None
        if self.numerator == self.denominator:
            return Decimal(100)
        exact = Decimal(self.numerator) * 100 / Decimal(self.denominator)
        shown = exact.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
        if shown >= 100 and self.numerator < self.denominator:
            shown = exact.quantize(ONE_DECIMAL, rounding=ROUND_DOWN)
        return shown

    @property
    def fraction(self) -> float | None:
        """The shown percentage as a fraction, for a spreadsheet cell formatted 0.0%."""
        shown = self.percent
        return None if shown is None else float(shown / 100)

    def __str__(self) -> str:
        shown = self.percent
        if shown is None:
            return "—"
        if shown == 100:
            return "100%"
        return f"{shown}%"


def rate(numerator: int, denominator: int) -> Rate:
    return Rate(int(numerator or 0), int(denominator or 0))
