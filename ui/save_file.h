// Saving a file the user named: written beside the target under a hidden temporary name, renamed over it
// when complete (a failed or cancelled write never leaves half a file under the chosen name), and the
// suffix the chosen filter of a save dialog implies. The Compare and Lab pages' exports use these.
#pragma once

#include <QString>

namespace qd::ui {

// "/dir/.name.ext.part" for "/dir/name.ext".
QString temporaryBeside(const QString& path);
// Renames `temporary` over `path`; empty on success, else the message (the temporary is removed).
QString renameInto(const QString& temporary, const QString& path);
// `path` with the suffix of the filter chosen in a save dialog ("PNG image (*.png)" -> ".png") when it has
// none; `fallbackSuffix` ("pdf") when the filter names none either.
QString withFilterSuffix(const QString& path, const QString& selectedFilter, const QString& fallbackSuffix);

}  // namespace qd::ui
