// The block-size lab's report (core/lab/lab_run.h runs the lab): Markdown, one HTML page with its charts
// drawn in as SVG, and every point as JSON; the names and colours the reports and the GUI give the families.
#pragma once

#include <string>

#include "core/lab/lab_run.h"

namespace qd::lab {

// The report as Markdown: the recommendation, the evaluated points, every point's size and weight
// error, each strategy's trace, the machine, the settings and `command` (the one that reproduces it).
std::string labReportMarkdown(const LabReport& report, const LabSettings& settings, const std::string& command);
// The same as one HTML page with the charts drawn in it as SVG (bits per weight against KL divergence with
// the budget line and the recommendation ringed, each strategy's best-so-far, QK against weight error and
// against dot-product speed per instruction set), the best block size per family and the speed table.
std::string labReportHtml(const LabReport& report, const LabSettings& settings, const std::string& command);
// Every point as JSON: format, bits per weight, weight error and, where evaluated, the quality figures.
std::string labPointsJson(const LabReport& report);

// "type-0", "K-style", "codebook (IQ4_NL values)", ... and the colour the charts give the family.
std::string familyLabel(const BlockFormat& format);
std::string familyColor(const BlockFormat& format);

}  // namespace qd::lab
