// The version shown in the About box and --version, from the CMake project version.
#pragma once

namespace qd::ui {

inline constexpr const char* kVersion = QD_VERSION;

}  // namespace qd::ui
