// quantdesk-cli: the same jobs as the GUI, headless.
#include <cstdio>
#include <cstring>
#include <string>

#include "commands.h"

namespace {

struct Command {
    const char* name;
    const char* usage;
    int (*run)(int, char**);
};

const Command kCommands[] = {
    {"info", "info FILE [--tensors] [--json] [--context N]\n"
             "      info FILE --set KEY=VALUE [--set KEY:TYPE=VALUE ...] [--remove KEY ...] -o OUT",
     qd::cli::cmdInfo},
    {"import", "import FOLDER_OR_BIN -o OUT.gguf [--type F32|F16|BF16|Q8_0] [--tokenizer tokenizer.bin] [--quiet]\n"
     "      import BASE_FOLDER --delta DELTA_FOLDER -o OUT.gguf [...]   (delta weights, e.g. Chimera: base + delta)", qd::cli::cmdImport},
    {"quantize", "quantize IN.gguf OUT.gguf TYPE [--threads N] [--pure] [--output-type T] [--embedding-type T]\n"
                 "      [--tensor-type REGEX=T ...] [--imatrix FILE] [--allow-requantize] [--leave-output-tensor] [--quiet]\n"
                 "  quantize IN --estimate [TYPE ...]   the exact output size per mix, writing nothing", qd::cli::cmdQuantize},
    {"synth", "synth OUT.gguf --shape tiny|1b | --layers N --embd N --ffn N --heads N --kv-heads N --vocab N\n"
              "      [--context N] [--type F16|F32|BF16] [--seed S] [--threads N]", qd::cli::cmdSynth},
    {"run", "run MODEL -p PROMPT [-n N] [--temp T] [--top-k K] [--top-p P] [--min-p P] [--repeat-penalty R]\n"
            "      [--frequency-penalty F] [--presence-penalty P] [--seed S] [-c CTX] [-t THREADS] [--special]\n"
            "      [--gpu-layers N|all] [--gpu-device N] [--gpu-memory MIB] [--gpu-allow-cpu]   (Vulkan offload; see `devices`)",
     qd::cli::cmdRun},
    {"chat", "chat MODEL [--system TEXT] [--template chatml|llama2|llama3|mistral|zephyr|alpaca] [-c CTX] [-t THREADS]\n"
             "      [sampling options and --gpu-layers as for run]",
     qd::cli::cmdChat},
    {"perplexity", "perplexity MODEL -f TEXT [-c CTX] [-b BATCH] [--chunks N] [--save-base FILE] [--kld-base FILE] [--json]\n"
                   "      [--gpu-layers N|all]",
     qd::cli::cmdPerplexity},
    {"imatrix", "imatrix MODEL -f CALIBRATION_TEXT -o FILE [-c CTX] [--chunks N] [-t THREADS] [--no-output-weight] [--resume PARTIAL]\n"
                "      (llama.cpp's imatrix format)   imatrix --show FILE",
     qd::cli::cmdImatrix},
    {"compare", "compare SOURCE --methods Q2_K,Q3_K_M,Q4_K_M,Q5_K_M,Q6_K,Q8_0 -f TEXT --out DIR [-c CTX] [--chunks N]\n"
                "      [-t THREADS] [--db FILE] [--gemm dot|blas] [--no-speed] [--json]\n"
                "      [--gpu-layers N|all] [--gpu-device N] [--gpu-allow-cpu]   (every model measured with Vulkan offload)",
     qd::cli::cmdCompare},
    {"results", "results [--model FILE] [--csv|--json] [-o OUT] [--db FILE]", qd::cli::cmdResults},
    {"lab", "lab MODEL -f TEXT --report DIR [--families t0,t1,k,nl,fp4] [--qk 8,16,32,64,128,256,512,row] [--bits 2,3,4,5,6,8]\n"
            "      [--scales f16,e8m0] [--super 256] [--sub-scale-bits 6] [--max-bpw 5] [--min-gbs 0] [--budget 15]\n"
            "      [--strategies bayes,random,front] [-c 256] [--chunks N] [-t THREADS] [--seed 1] [--no-speed]\n"
            "      (the best block size for this model within a bits-per-weight budget)",
     qd::cli::cmdLab},
    {"devices", "devices   (the GPUs --gpu-layers can offload to, with their memory)", qd::cli::cmdDevices},
    {"bench", "bench MODEL [-p 512] [-n 128] [-r 5] [-d DEPTH] [-t THREADS] [--gemm auto|dot|blas] [--memory] [--json]\n"
              "      [--gpu-layers N|all [--gpu-only]]   (offloaded rows, then the CPU's beside them)\n"
              "      bench --memory [-t THREADS]   (read bandwidth; with a MODEL also the decode ratio to it)", qd::cli::cmdBench},
};

void printUsage(std::FILE* to) {
    std::fprintf(to, "usage: quantdesk-cli COMMAND [ARGS]\n\ncommands:\n");
    for (const auto& c : kCommands) std::fprintf(to, "  %s\n", c.usage);
    std::fprintf(to, "\nquantdesk-cli COMMAND --help shows a command's options.\n");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
        printUsage(stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!std::strcmp(argv[1], "--version")) {
        std::printf("quantdesk-cli 0.1.0\n");
        return 0;
    }
    for (const auto& c : kCommands) {
        if (std::string(argv[1]) == c.name) {
            for (int i = 2; i < argc; ++i) {
                if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
                    std::printf("usage: quantdesk-cli %s\n", c.usage);
                    return 0;
                }
            }
            return c.run(argc - 1, argv + 1);
        }
    }
    std::fprintf(stderr, "error: unknown command '%s'\n\n", argv[1]);
    printUsage(stderr);
    return 2;
}
