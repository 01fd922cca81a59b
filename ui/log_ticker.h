// Tick labels of a logarithmic chart axis written as powers of ten with superscript exponents ("10⁻³",
// "2·10⁻³"), whatever the locale: QCustomPlot's own "beautiful" powers only work where the locale writes
// exponents with a small 'e', so German and French axes showed "1E-03".
#pragma once

#include <qcustomplot.h>

namespace qd::ui {

class PowerOfTenTicker : public QCPAxisTickerLog {
public:
    // "10⁻³" for 0.001, "2·10⁻³" for 0.002, "1" for 1, "10" for 10, with the mantissa in the locale's format.
    static QString label(double value, const QLocale& locale);

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override;
};

}  // namespace qd::ui
