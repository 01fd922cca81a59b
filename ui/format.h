// Small formatting helpers shared by the UI's tables and panels.
#pragma once

#include <QString>

namespace qd::ui {

// "2.18 MiB", with the core's rounding rules, so the GUI and the CLI print the same figures.
QString formatSize(quint64 bytes);

}  // namespace qd::ui
