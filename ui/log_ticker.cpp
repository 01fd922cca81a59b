#include "ui/log_ticker.h"

#include <cmath>

namespace qd::ui {

namespace {

QString superscript(int n) {
    static const QChar digits[] = {QChar(0x2070), QChar(0x00B9), QChar(0x00B2), QChar(0x00B3), QChar(0x2074),
                                   QChar(0x2075), QChar(0x2076), QChar(0x2077), QChar(0x2078), QChar(0x2079)};
    QString out;
    if (n < 0) out += QChar(0x207B);
    for (QChar c : QString::number(std::abs(n))) out += digits[c.digitValue()];
    return out;
}

}  // namespace

QString PowerOfTenTicker::label(double value, const QLocale& locale) {
    if (!(value > 0) || !std::isfinite(value)) return locale.toString(value, 'g', 3);
    int e = int(std::floor(std::log10(value) + 1e-9));
    double m = value / std::pow(10.0, e);
    if (m >= 9.9995) m /= 10.0, ++e;
    const bool one = std::fabs(m - 1.0) < 1e-6;
    if (e == 0) return locale.toString(m, 'g', 3);
    if (e == 1 && one) return QStringLiteral("10");
    const QString power = QStringLiteral("10") + superscript(e);
    return one ? power : locale.toString(m, 'g', 2) + QChar(0x00B7) + power;
}

QString PowerOfTenTicker::getTickLabel(double tick, const QLocale& locale, QChar, int) { return label(tick, locale); }

}  // namespace qd::ui
