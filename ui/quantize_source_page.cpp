// The quantization wizard's first page (quantize_wizard.h): the source, a GGUF file, a Hugging Face
// folder (optionally with delta weights to apply) or a llama2.c checkpoint, checked on a worker thread.
#include "ui/quantize_wizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "core/gguf/model_summary.h"
#include "ui/format.h"
#include "ui/library.h"
#include "ui/model_list_model.h"

namespace qd::ui {

namespace {

QString native(const QString& path) { return QDir::toNativeSeparators(path); }

}  // namespace

// ---------------------------------------------------------------------------------------------------
// 1. Source

SourcePage::SourcePage(QuantizeWizard* wizard) : QWizardPage(wizard), m_wizard(wizard) {
    setTitle(tr("Choose the model to quantize"));
    setSubTitle(tr("A GGUF file, a Hugging Face model folder (safetensors + config.json + tokenizer) or a llama2.c "
                   "checkpoint. Folders and checkpoints are imported to F16 first."));
    auto* v = new QVBoxLayout(this);
    auto* libraryRow = new QHBoxLayout;
    libraryRow->addWidget(new QLabel(tr("From the library:"), this));
    m_fromLibrary = new QComboBox(this);
    m_fromLibrary->setObjectName(QStringLiteral("sourceFromLibrary"));
    m_fromLibrary->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_fromLibrary->setMinimumContentsLength(40);
    libraryRow->addWidget(m_fromLibrary, 1);
    v->addLayout(libraryRow);
    connect(m_fromLibrary, &QComboBox::activated, this, [this](int index) {
        const QString path = m_fromLibrary->itemData(index).toString();
        if (!path.isEmpty()) setPath(path);
    });
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Or a path:"), this));
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("sourcePath"));
    m_path->setPlaceholderText(tr("Path of a .gguf file, a model folder or a llama2.c .bin"));
    m_path->setClearButtonEnabled(true);
    row->addWidget(m_path, 1);
    auto* file = new QPushButton(QIcon(QStringLiteral(":/icons/file-open.svg")), tr("File…"), this);
    file->setToolTip(tr("Choose a GGUF file or a llama2.c checkpoint"));
    auto* folder = new QPushButton(QIcon(QStringLiteral(":/icons/folder.svg")), tr("Folder…"), this);
    folder->setToolTip(tr("Choose a Hugging Face model folder"));
    row->addWidget(file);
    row->addWidget(folder);
    v->addLayout(row);

    // Delta weights (Chimera and other fine-tunes published as differences): the path above is then the
    // base model's folder, and the import adds the delta to it.
    auto* deltaRow = new QHBoxLayout;
    m_useDelta = new QCheckBox(tr("Apply delta weights:"), this);
    m_useDelta->setObjectName(QStringLiteral("useDelta"));
    m_useDelta->setToolTip(tr("For fine-tunes published as the difference from a base model (Chimera, Vicuna v0): "
                              "choose the base model's folder above and the delta's folder here."));
    m_deltaPath = new QLineEdit(this);
    m_deltaPath->setObjectName(QStringLiteral("deltaPath"));
    m_deltaPath->setPlaceholderText(tr("Folder of the delta weights"));
    m_deltaPath->setClearButtonEnabled(true);
    m_deltaPath->setEnabled(false);
    m_deltaFolder = new QPushButton(QIcon(QStringLiteral(":/icons/folder.svg")), tr("Delta folder…"), this);
    m_deltaFolder->setObjectName(QStringLiteral("deltaFolder"));
    m_deltaFolder->setEnabled(false);
    deltaRow->addWidget(m_useDelta);
    deltaRow->addWidget(m_deltaPath, 1);
    deltaRow->addWidget(m_deltaFolder);
    v->addLayout(deltaRow);
    // Only a folder (a Hugging Face base model) takes delta weights; the row stays while it is ticked,
    // so a file chosen afterwards is explained rather than silently imported without the delta.
    auto showDeltaRow = [this] {
        const bool on = m_useDelta->isChecked() || QFileInfo(m_path->text().trimmed()).isDir();
        for (QWidget* w : {static_cast<QWidget*>(m_useDelta), static_cast<QWidget*>(m_deltaPath), static_cast<QWidget*>(m_deltaFolder)})
            w->setVisible(on);
    };
    connect(m_path, &QLineEdit::textChanged, this, showDeltaRow);
    connect(m_useDelta, &QCheckBox::toggled, this, showDeltaRow);
    showDeltaRow();
    connect(m_useDelta, &QCheckBox::toggled, this, [this](bool on) {
        m_deltaPath->setEnabled(on);
        m_deltaFolder->setEnabled(on);
        m_debounce->start();
        emit completeChanged();
    });
    connect(m_deltaPath, &QLineEdit::textChanged, this, [this] {
        m_debounce->start();
        emit completeChanged();
    });
    connect(m_deltaFolder, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getExistingDirectory(this, tr("Choose the folder of the delta weights"), m_deltaPath->text());
        if (!f.isEmpty()) {
            m_deltaPath->setText(f);
            m_debounce->stop();
            analyze();
        }
    });

    m_infoLabel = new QLabel(this);
    m_infoLabel->setObjectName(QStringLiteral("sourceInfo"));
    m_infoLabel->setWordWrap(true);
    m_infoLabel->setTextFormat(Qt::RichText);
    m_infoLabel->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_infoLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_infoLabel->setMinimumHeight(140);
    v->addWidget(m_infoLabel);

    m_requantize = new QCheckBox(tr("Quantize it anyway: I understand the results are worse than quantizing the "
                                    "original F16/BF16/F32 model"),
                                 this);
    m_requantize->setObjectName(QStringLiteral("requantize"));
    m_requantize->hide();
    v->addWidget(m_requantize);
    v->addStretch(1);

    registerField(QStringLiteral("sourcePath*"), m_path);
    registerField(QStringLiteral("requantize"), m_requantize);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &SourcePage::analyze);
    connect(m_path, &QLineEdit::textChanged, this, [this] {
        m_debounce->start();
        emit completeChanged();
    });
    connect(m_requantize, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
    connect(file, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Choose a model file"), QFileInfo(m_path->text()).absolutePath(),
                                                       tr("Models (*.gguf *.bin);;All files (*)"));
        if (!f.isEmpty()) setPath(f);
    });
    connect(folder, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getExistingDirectory(this, tr("Choose a Hugging Face model folder"), m_path->text());
        if (!f.isEmpty()) setPath(f);
    });
    connect(&m_watcher, &QFutureWatcher<SourceInfo>::finished, this, [this] {
        m_analyzing = false;
        const SourceInfo info = m_watcher.result();
        if (info.path != m_path->text().trimmed() || info.delta != deltaFolder()) {  // typed on meanwhile
            analyze();
            return;
        }
        m_info = info;
        const int inLibrary = m_fromLibrary->findData(info.path);
        m_fromLibrary->setCurrentIndex(inLibrary > 0 ? inLibrary : 0);
        showInfo();
        emit completeChanged();
        emit analyzed();
    });
    showInfo();
}

void SourcePage::setLibrary(Library* library) {
    m_library = library;
    if (library) {
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(library->model(), signal, this, &SourcePage::refreshLibraryChoices);
        connect(library->model(), &QAbstractItemModel::modelReset, this, &SourcePage::refreshLibraryChoices);
    }
    refreshLibraryChoices();
}

void SourcePage::refreshLibraryChoices() {
    QSignalBlocker block(m_fromLibrary);
    m_fromLibrary->clear();
    m_fromLibrary->addItem(tr("Choose one of your %n model(s)…", nullptr,
                              m_library ? m_library->model()->rowCount() : 0));
    if (!m_library) return;
    const ModelListModel* m = m_library->model();
    QList<QPair<QString, QString>> items;
    for (int r = 0; r < m->rowCount(); ++r) {
        const QModelIndex i = m->index(r, 0);
        if (!i.data(ModelListModel::ReadableRole).toBool()) continue;
        const QString type = m->index(r, ModelListModel::FileTypeColumn).data().toString();
        const QString text = QStringLiteral("%1 · %2 · %3").arg(i.data().toString(), type,
                                                                m->index(r, ModelListModel::SizeColumn).data().toString());
        items.append({text, i.data(ModelListModel::PathRole).toString()});
    }
    std::sort(items.begin(), items.end());
    for (const auto& [text, path] : items) {
        m_fromLibrary->addItem(text, path);
        m_fromLibrary->setItemData(m_fromLibrary->count() - 1, native(path), Qt::ToolTipRole);
    }
    const int current = m_fromLibrary->findData(m_path->text().trimmed());
    m_fromLibrary->setCurrentIndex(current > 0 ? current : 0);
}

void SourcePage::setPath(const QString& path) {
    m_path->setText(path);
    m_debounce->stop();
    analyze();
}

void SourcePage::analyze() {
    const QString path = m_path->text().trimmed();
    if (m_analyzing) return;  // the finished handler starts again with the newest text
    m_analyzing = true;
    m_infoLabel->setText(tr("<i>Reading %1…</i>").arg(native(path).toHtmlEscaped()));
    emit completeChanged();
    m_watcher.setFuture(QtConcurrent::run(&analyzeSource, path, m_wizard->database(), deltaFolder()));
}

void SourcePage::showInfo() {
    const SourceInfo& s = m_info;
    if (m_analyzing) return;
    if (s.path.isEmpty() && m_path->text().isEmpty()) {
        m_infoLabel->setText(tr("Choose a model with the buttons above, or start the wizard from a row of the Models page."));
        m_requantize->hide();
        return;
    }
    if (!s.usable()) {
        m_infoLabel->setText(QStringLiteral("<p style='color:#c62828'><b>%1</b></p><p>%2</p>")
                                 .arg(tr("This source cannot be quantized.").toHtmlEscaped(), s.error.toHtmlEscaped()));
        m_requantize->hide();
        return;
    }
    QString kind;
    switch (s.kind) {
        case SourceKind::Gguf: kind = tr("GGUF file (%1)").arg(s.fileType); break;
        case SourceKind::HuggingFace:
            kind = s.delta.isEmpty() ? tr("Hugging Face checkpoint; imported to F16 first")
                                     : tr("Hugging Face base model plus delta weights from %1; imported to F16 first")
                                           .arg(native(s.delta));
            break;
        case SourceKind::Llama2c: kind = tr("llama2.c checkpoint; imported to F16 first"); break;
        case SourceKind::None: break;
    }
    QString html = QStringLiteral("<table cellspacing='4'>");
    auto row = [&html](const QString& k, const QString& val) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(k.toHtmlEscaped(), val.toHtmlEscaped());
    };
    row(tr("Model"), s.name);
    row(tr("Kind"), kind);
    row(tr("Architecture"), s.architecture);
    row(tr("Parameters"), QString::fromStdString(parameterSizeLabel(s.parameters)) +
                              QStringLiteral(" (%1)").arg(QLocale().toString(qulonglong(s.parameters))));
    row(tr("Size"), formatSize(s.sourceBytes));
    if (!s.measured.isEmpty())
        row(tr("Measured before"), tr("%n variant(s) in the results database", nullptr, int(s.measured.size())));
    html += QStringLiteral("</table>");
    if (!s.runNote.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(
            tr("QuantDesk can quantize this model but cannot run it yet (%1), so the outputs will not be evaluated.")
                .arg(s.runNote)
                .toHtmlEscaped());
    if (s.quantized)
        html += QStringLiteral("<p style='color:#b26a00'><b>%1</b> %2</p>")
                    .arg(tr("This model is already quantized (%1).").arg(s.fileType).toHtmlEscaped(),
                         tr("Quantizing it again adds the errors of both steps. Use the original F16/BF16 model if you "
                            "have it; to go on anyway, tick the box below.")
                             .toHtmlEscaped());
    m_infoLabel->setText(html);
    m_requantize->setVisible(s.quantized);
}

QString SourcePage::deltaFolder() const { return m_useDelta->isChecked() ? m_deltaPath->text().trimmed() : QString(); }

bool SourcePage::isComplete() const {
    if (m_analyzing || m_debounce->isActive()) return false;
    if (!m_info.usable() || m_info.path != m_path->text().trimmed() || m_info.delta != deltaFolder()) return false;
    return !m_info.quantized || m_requantize->isChecked();
}

}  // namespace qd::ui
