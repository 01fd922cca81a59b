// Where the bundled demo model is: the shakespeare model as a GGUF made by our own importer, with the
// held-out text beside it (resources/demo/ in the source tree, share/quantdesk/demo/ when installed).
#pragma once

#include <QString>

namespace qd::ui {

// The demo model's path, or an empty string when it is not installed.
QString demoModelPath();
// The held-out text that goes with it (for perplexity), or an empty string.
QString demoTextPath();
// Text for importance matrices: a slice of the demo model's training text, never the held-out one.
QString demoCalibrationPath();

}  // namespace qd::ui
