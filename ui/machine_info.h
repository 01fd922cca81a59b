// What this machine offers the engine: the CPU with the kernel level it runs, memory, and the Vulkan
// devices a model's layers can be offloaded to. Opening a Vulkan instance takes a moment (and a broken
// driver can take longer), so the devices are listed by a job of the job runner, once, when a page first
// needs them; MachineInfo keeps the list for the chat settings and the This Machine dialog.
#pragma once

#include <QDialog>
#include <QObject>
#include <QString>

#include <vector>

#include "core/engine/gpu_devices.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace qd::ui {

class JobRunner;

// A device kind of qd::GpuDevice ("discrete GPU", "CPU implementation", ...) in the person's language.
QString gpuKindText(const std::string& kind);
// "NVIDIA H200 · discrete GPU · 139.8 GiB", for lists.
QString gpuDeviceText(const qd::GpuDevice& device);
// Whether the device is a CPU implementation of Vulkan (lavapipe): used only when chosen by name.
bool isCpuImplementation(const qd::GpuDevice& device);

class MachineInfo : public QObject {
    Q_OBJECT
public:
    explicit MachineInfo(JobRunner& jobs, QObject* parent = nullptr);

    // Lists the devices (a job) unless a list is there or on its way. `again` lists them anew.
    void refresh(bool again = false);
    bool listing() const { return m_job != 0; }
    bool listed() const { return m_listed; }
    const std::vector<qd::GpuDevice>& gpus() const { return m_gpus; }
    // Why no device can be listed ("this build of QuantDesk has no Vulkan backend"); empty otherwise.
    QString gpuError() const { return m_error; }

    // "AMD EPYC 7B13: SSE4.2 AVX AVX2 FMA F16C BMI2; kernels: avx2" and the hardware threads.
    static QString cpuLine();

signals:
    void gpusChanged();

private:
    JobRunner& m_jobs;
    int m_job = 0;
    bool m_listed = false;
    std::vector<qd::GpuDevice> m_gpus;
    QString m_error;
};

// The GPU offload choice of the chat and evaluation settings: a device box (CPU only, the best GPU, every
// listed device; one that cannot run is listed but disabled) and how many layers go there ("All layers" or
// a count). Until the device list arrives the choice given last is kept as it is.
class GpuChoiceWidget : public QWidget {
    Q_OBJECT
public:
    explicit GpuChoiceWidget(QWidget* parent = nullptr);

    void setDevices(const std::vector<qd::GpuDevice>& devices, const QString& error);
    // layers: 0 CPU only, -1 every layer; device: -1 the best one.
    void setChoice(int layers, int device, bool cpuDevice);
    int layers() const;
    int device() const;      // -1 with layers() == 0
    bool cpuDevice() const;  // the device chosen is a CPU implementation (lavapipe)

    QComboBox* deviceBox() const { return m_device; }
    QSpinBox* layersBox() const { return m_layers; }

signals:
    void changed();

private:
    void rebuild();
    static constexpr int kNoGpu = -2;
    QComboBox* m_device = nullptr;
    QSpinBox* m_layers = nullptr;
    int m_want = kNoGpu;     // kNoGpu, -1 or a device index
    bool m_wantCpu = false;
    bool m_listed = false;
    bool m_rebuilding = false;
    std::vector<qd::GpuDevice> m_gpus;
    QString m_error;
};

// Help ▸ This Machine: the CPU, the kernels it runs, memory, and every Vulkan device with its memory and
// whether QuantDesk uses it, with a button that copies it all as text (for a bug report).
class MachineDialog : public QDialog {
    Q_OBJECT
public:
    explicit MachineDialog(MachineInfo& info, QWidget* parent = nullptr);

    QTableWidget* deviceTable() const { return m_devices; }
    QLabel* gpuStatus() const { return m_gpuStatus; }
    // Everything the dialog shows, as plain text.
    QString text() const;

private:
    void fill();

    MachineInfo& m_info;
    QLabel* m_cpu = nullptr;
    QLabel* m_memory = nullptr;
    QLabel* m_gpuStatus = nullptr;
    QTableWidget* m_devices = nullptr;
    QPushButton* m_refresh = nullptr;
};

}  // namespace qd::ui
