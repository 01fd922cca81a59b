#include "ui/format.h"

#include "core/gguf/model_summary.h"

namespace qd::ui {

QString formatSize(quint64 bytes) { return QString::fromStdString(qd::formatBytes(bytes)); }

}  // namespace qd::ui
