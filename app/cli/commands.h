// The quantdesk-cli subcommands. Each lives in its own cmd_*.cpp and is listed in main.cpp.
#pragma once

namespace qd::cli {

// argv[0] is the subcommand name.
int cmdInfo(int argc, char** argv);
int cmdImport(int argc, char** argv);
int cmdQuantize(int argc, char** argv);
int cmdSynth(int argc, char** argv);
int cmdRun(int argc, char** argv);
int cmdBench(int argc, char** argv);
int cmdChat(int argc, char** argv);
int cmdPerplexity(int argc, char** argv);
int cmdImatrix(int argc, char** argv);
int cmdCompare(int argc, char** argv);
int cmdResults(int argc, char** argv);
int cmdLab(int argc, char** argv);
int cmdDevices(int argc, char** argv);

}  // namespace qd::cli
