#include "ui/quantize_wizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "core/common/system_info.h"
#include "core/gguf/model_summary.h"
#include "ui/demo_model.h"
#include "ui/format.h"
#include "ui/job_runner.h"
#include "ui/library.h"
#include "ui/model_list_model.h"
#include "ui/jobs_model.h"
#include "ui/methods_model.h"
#include "ui/model_scan.h"
#include "ui/model_stores.h"
#include "ui/quantize_jobs.h"
#include "ui/settings.h"

namespace qd::ui {

namespace {

QString native(const QString& path) { return QDir::toNativeSeparators(path); }

QLabel* makeHint(const QString& text, QWidget* parent) {
    auto* l = new QLabel(text, parent);
    l->setWordWrap(true);
    QPalette p = l->palette();
    p.setColor(QPalette::WindowText, p.color(QPalette::PlaceholderText));
    l->setPalette(p);
    return l;
}

// Types a person may force for the output or embedding tensor (those QuantDesk writes).
QStringList forcibleTypes() {
    return {QStringLiteral("F32"),  QStringLiteral("F16"),  QStringLiteral("BF16"), QStringLiteral("Q8_0"),
            QStringLiteral("Q6_K"), QStringLiteral("Q5_K"), QStringLiteral("Q5_1"), QStringLiteral("Q5_0"),
            QStringLiteral("Q4_K"), QStringLiteral("Q4_1"), QStringLiteral("Q4_0"), QStringLiteral("IQ4_NL"),
            QStringLiteral("IQ4_XS"), QStringLiteral("Q3_K"), QStringLiteral("Q2_K")};
}

QString shapeText(const std::vector<uint64_t>& dims) {
    QStringList parts;
    for (uint64_t d : dims) parts << QString::number(d);
    return parts.join(QStringLiteral(" × "));
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// 2. Methods

MethodsPage::MethodsPage(QuantizeWizard* wizard) : QWizardPage(wizard), m_wizard(wizard) {
    setTitle(tr("Choose the quantization methods"));
    setSubTitle(tr("Sizes are exact for this model, computed before anything runs. Tick one or more methods; each "
                   "becomes its own file."));
    auto* v = new QVBoxLayout(this);

    auto* quick = new QHBoxLayout;
    quick->addWidget(new QLabel(tr("Select:"), this));
    auto* recommended = new QPushButton(tr("Recommended"), this);
    recommended->setObjectName(QStringLiteral("selectRecommended"));
    recommended->setToolTip(tr("Q4_K_M and Q5_K_M: the usual best trade-offs of size and quality"));
    auto* kquants = new QPushButton(tr("All K-quants"), this);
    auto* all = new QPushButton(tr("All"), this);
    auto* none = new QPushButton(tr("None"), this);
    for (auto* b : {recommended, kquants, all, none}) quick->addWidget(b);
    quick->addSpacing(18);
    quick->addWidget(new QLabel(tr("Context for RAM:"), this));
    m_context = new QSpinBox(this);
    m_context->setRange(128, 1 << 20);
    m_context->setSingleStep(1024);
    m_context->setValue(m_wizard->settings().value(Settings::Key::WizardContext).toInt());
    m_context->setSuffix(tr(" tokens"));
    m_context->setToolTip(tr("The RAM column adds the key/value cache for this many tokens of conversation"));
    quick->addWidget(m_context);
    quick->addStretch(1);
    v->addLayout(quick);

    auto* target = new QHBoxLayout;
    target->addWidget(new QLabel(tr("Or pick for me:"), this));
    m_budgetKind = new QComboBox(this);
    m_budgetKind->addItem(tr("file size at most"));
    m_budgetKind->addItem(tr("RAM at most"));
    target->addWidget(m_budgetKind);
    m_budget = new QLineEdit(this);
    m_budget->setObjectName(QStringLiteral("budget"));
    m_budget->setPlaceholderText(tr("e.g. 4.5 GB"));
    m_budget->setMaximumWidth(140);
    target->addWidget(m_budget);
    auto* pick = new QPushButton(tr("Select the best that fits"), this);
    pick->setObjectName(QStringLiteral("selectBest"));
    target->addWidget(pick);
    m_targetMessage = new QLabel(this);
    target->addWidget(m_targetMessage, 1);
    v->addLayout(target);

    m_model = new MethodsModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("methodsTable"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    v->addWidget(m_table, 1);

    m_total = new QLabel(this);
    m_total->setObjectName(QStringLiteral("methodsTotal"));
    v->addWidget(m_total);

    connect(recommended, &QPushButton::clicked, this, [this] {
        m_model->setChecked({QStringLiteral("Q4_K_M"), QStringLiteral("Q5_K_M")});
    });
    connect(kquants, &QPushButton::clicked, this, [this] {
        QStringList mixes;
        for (const QString& m : wizardMixes())
            if (isKQuantMix(m)) mixes << m;
        m_model->setChecked(mixes);
    });
    connect(all, &QPushButton::clicked, this, [this] { m_model->setChecked(wizardMixes()); });
    connect(none, &QPushButton::clicked, this, [this] { m_model->setChecked({}); });
    connect(pick, &QPushButton::clicked, this, &MethodsPage::selectBest);
    connect(m_budget, &QLineEdit::returnPressed, this, &MethodsPage::selectBest);
    connect(m_context, &QSpinBox::valueChanged, this, [this] {
        m_wizard->settings().setValue(Settings::Key::WizardContext, m_context->value());
        refresh();
    });
    connect(m_model, &MethodsModel::checkedChanged, this, [this] {
        updateTotal();
        emit completeChanged();
    });
}

int MethodsPage::context() const { return m_context->value(); }

void MethodsPage::initializePage() {
    if (m_estimatedFor == m_wizard->source().path) return;  // keep the ticks when coming back
    m_estimatedFor = m_wizard->source().path;
    const QStringList initial = m_wizard->settings().value(Settings::Key::WizardMixes).toStringList();
    refresh();
    m_model->setChecked(initial);
    m_table->resizeColumnsToContents();
}

void MethodsPage::refresh() {
    QuantizeOptions options;
    QString error;
    if (!m_wizard->optionsPage()->options(options, &error)) options = QuantizeOptions{};
    options.allowRequantize = m_wizard->source().quantized;
    const QStringList checked = m_model->checkedMixes();
    m_model->setSource(m_wizard->source(), options, m_context->value(), m_wizard->physicalMemory());
    m_model->setChecked(checked);
}

QString MethodsPage::selectBest() {
    const auto budget = parseSize(m_budget->text());
    if (!budget) {
        m_targetMessage->setText(tr("Type a size such as 4 GB or 3500 MB."));
        return {};
    }
    const bool byRam = m_budgetKind->currentIndex() == 1;
    const QString best = bestMixWithin(m_model->estimates(), *budget, byRam);
    if (best.isEmpty()) {
        m_targetMessage->setText(tr("Nothing fits in %1; the smallest method needs more.").arg(formatSize(*budget)));
        return {};
    }
    m_model->setChecked({best});
    const MethodEstimate* e = m_model->estimate(best);
    m_targetMessage->setText(byRam ? tr("%1: the largest that fits, %2 of RAM").arg(best, formatSize(e->ramNeeded))
                                   : tr("%1: the largest that fits, %2").arg(best, formatSize(e->fileBytes)));
    m_table->scrollTo(m_model->index(m_model->rowOf(best), 0));
    return best;
}

void MethodsPage::updateTotal() {
    const QStringList mixes = m_model->checkedMixes();
    if (m_wizard->currentId() == QuantizeWizard::MethodsId)  // the person's own choice, not a reset
        m_wizard->settings().setValue(Settings::Key::WizardMixes, mixes);
    QString folder = m_wizard->optionsPage()->folderEdit()->text();
    if (folder.isEmpty()) folder = QFileInfo(m_wizard->source().path).absolutePath();  // the default output folder
    const quint64 free = freeSpace(folder);
    const quint64 total = m_model->checkedBytes();
    QString text = mixes.isEmpty() ? tr("Nothing selected.")
                                   : tr("%n file(s), %1 in all", nullptr, int(mixes.size())).arg(formatSize(total));
    if (free > 0) {
        text += QStringLiteral(" · ") + tr("%1 free in %2").arg(formatSize(free), native(folder));
        if (total > free) text = QStringLiteral("<span style='color:#c62828'><b>%1</b></span>").arg(text.toHtmlEscaped() + tr(": not enough space"));
    }
    m_total->setText(text);
}

bool MethodsPage::isComplete() const { return !m_model->checkedMixes().isEmpty(); }

// ---------------------------------------------------------------------------------------------------
// 3. Options

OptionsPage::OptionsPage(QuantizeWizard* wizard) : QWizardPage(wizard), m_wizard(wizard) {
    setTitle(tr("Where to write, and how"));
    setSubTitle(tr("Each output is written to a temporary file and renamed when complete, so a failure or a cancel "
                   "never leaves a half-written model."));
    // Start begins the run; the pages before cannot be changed afterwards.
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("Start"));
    auto* outer = new QVBoxLayout(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget(scroll);
    auto* v = new QVBoxLayout(content);
    scroll->setWidget(content);
    outer->addWidget(scroll);
    Settings& settings = m_wizard->settings();

    auto* output = new QGroupBox(tr("Output"), content);
    auto* form = new QFormLayout(output);
    auto* folderRow = new QHBoxLayout;
    m_folder = new QLineEdit(output);
    m_folder->setObjectName(QStringLiteral("outputFolder"));
    auto* browse = new QPushButton(tr("Browse…"), output);
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    form->addRow(tr("Folder:"), folderRow);
    m_space = new QLabel(output);
    form->addRow(QString(), m_space);
    m_template = new QLineEdit(settings.value(Settings::Key::WizardNameTemplate).toString(), output);
    m_template->setObjectName(QStringLiteral("nameTemplate"));
    m_template->setToolTip(tr("{name}: the model's name, {mix}: the method, {arch}: the architecture, {params}: its size, "
                              "such as 7B"));
    form->addRow(tr("File names:"), m_template);
    m_names = new QLabel(output);
    m_names->setObjectName(QStringLiteral("namesPreview"));
    m_names->setWordWrap(true);
    m_names->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(QString(), m_names);
    m_existing = new QComboBox(output);
    m_existing->addItem(tr("Stop and tell me"), Stop);
    m_existing->addItem(tr("Replace it"), Replace);
    m_existing->addItem(tr("Keep it; add a number to the new name"), Number);
    form->addRow(tr("If a file exists:"), m_existing);
    m_threads = new QSpinBox(output);
    m_threads->setRange(1, 1024);
    m_threads->setValue(std::max(1, QThread::idealThreadCount()));
    m_threads->setToolTip(tr("Worker threads for quantizing; the output is the same for any number"));
    form->addRow(tr("Threads:"), m_threads);
    v->addWidget(output);

    auto* imatrix = new QGroupBox(tr("Importance matrix"), content);
    auto* iform = new QFormLayout(imatrix);
    m_imatrixMode = new QComboBox(imatrix);
    m_imatrixMode->setObjectName(QStringLiteral("imatrixMode"));
    m_imatrixMode->addItem(tr("None"), int(NoImatrix));
    m_imatrixMode->addItem(tr("Compute from a calibration text"), int(ComputeImatrix));
    m_imatrixMode->addItem(tr("Use an imatrix file"), int(ImatrixFromFile));
    m_imatrixMode->setToolTip(tr("Which weights matter most, measured on sample text: the quantizers spend their precision there, "
                                 "which helps most below 4 bits. The same as llama-quantize --imatrix."));
    iform->addRow(tr("Use:"), m_imatrixMode);
    m_imatrixTextRow = new QWidget(imatrix);
    auto* itRow = new QHBoxLayout(m_imatrixTextRow);
    itRow->setContentsMargins(0, 0, 0, 0);
    m_imatrixText = new QLineEdit(demoCalibrationPath(), m_imatrixTextRow);
    m_imatrixText->setObjectName(QStringLiteral("imatrixText"));
    m_imatrixText->setToolTip(tr("Text like what the model will see; not the text you evaluate on. The bundled one is a slice "
                                 "of the demo model's training text."));
    auto* itBrowse = new QPushButton(tr("Browse…"), m_imatrixTextRow);
    itRow->addWidget(m_imatrixText, 1);
    itRow->addWidget(itBrowse);
    m_imatrixContext = new QSpinBox(m_imatrixTextRow);
    m_imatrixContext->setRange(16, 1 << 16);
    m_imatrixContext->setValue(512);
    m_imatrixContext->setSuffix(tr(" tokens"));
    m_imatrixContext->setToolTip(tr("Tokens per chunk, as llama-imatrix's -c"));
    m_imatrixChunks = new QSpinBox(m_imatrixTextRow);
    m_imatrixChunks->setRange(0, 100000);
    m_imatrixChunks->setSpecialValueText(tr("the whole text"));
    m_imatrixChunks->setPrefix(tr("at most "));
    m_imatrixChunks->setToolTip(tr("Chunks of the text to use (llama-imatrix's --chunks)"));
    itRow->addWidget(m_imatrixContext);
    itRow->addWidget(m_imatrixChunks);
    iform->addRow(tr("Calibration text:"), m_imatrixTextRow);
    m_imatrixFileRow = new QWidget(imatrix);
    auto* ifRow = new QHBoxLayout(m_imatrixFileRow);
    ifRow->setContentsMargins(0, 0, 0, 0);
    m_imatrixFile = new QLineEdit(m_imatrixFileRow);
    m_imatrixFile->setObjectName(QStringLiteral("imatrixFile"));
    m_imatrixFile->setPlaceholderText(tr("An imatrix file of this model (llama-imatrix's or QuantDesk's)"));
    auto* ifBrowse = new QPushButton(tr("Browse…"), m_imatrixFileRow);
    ifRow->addWidget(m_imatrixFile, 1);
    ifRow->addWidget(ifBrowse);
    iform->addRow(tr("File:"), m_imatrixFileRow);
    m_imatrixNote = makeHint(QString(), imatrix);
    m_imatrixNote->setObjectName(QStringLiteral("imatrixNote"));
    iform->addRow(m_imatrixNote);
    v->addWidget(imatrix);
    connect(itBrowse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Calibration text"), QFileInfo(m_imatrixText->text()).absolutePath(),
                                                       tr("Text (*.txt *.md *.raw);;All files (*)"));
        if (!f.isEmpty()) m_imatrixText->setText(f);
    });
    connect(ifBrowse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Importance matrix"), QFileInfo(m_imatrixFile->text()).absolutePath(),
                                                       tr("Importance matrices (*.dat *.imatrix);;All files (*)"));
        if (!f.isEmpty()) m_imatrixFile->setText(f);
    });
    connect(m_imatrixMode, &QComboBox::currentIndexChanged, this, [this] {
        updateImatrixRows();
        updatePreview();
        emit completeChanged();
    });
    connect(m_imatrixText, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_imatrixFile, &QLineEdit::textChanged, this, [this] {
        updateImatrixRows();
        emit completeChanged();
    });
    updateImatrixRows();

    auto* advanced = new QGroupBox(tr("Advanced: tensor types"), content);
    auto* av = new QVBoxLayout(advanced);
    auto* aform = new QFormLayout;
    m_pure = new QCheckBox(tr("Pure: every matrix in the method's main type (no extra bits for chosen tensors)"), advanced);
    m_pure->setObjectName(QStringLiteral("pure"));
    aform->addRow(m_pure);
    m_outputType = new QComboBox(advanced);
    m_embeddingType = new QComboBox(advanced);
    for (QComboBox* c : {m_outputType, m_embeddingType}) {
        c->addItem(tr("As the method decides"), QString());
        for (const QString& t : forcibleTypes()) c->addItem(t, t);
    }
    aform->addRow(tr("Output tensor:"), m_outputType);
    aform->addRow(tr("Token embeddings:"), m_embeddingType);
    av->addLayout(aform);
    av->addWidget(new QLabel(tr("Per-tensor overrides, one PATTERN=TYPE per line (a regular expression searched in the "
                                "tensor name, e.g. attn_v=q8_0):"),
                             advanced));
    m_overrides = new QPlainTextEdit(advanced);
    m_overrides->setObjectName(QStringLiteral("overrides"));
    m_overrides->setPlaceholderText(QStringLiteral("ffn_down=q6_k\n^blk\\.0\\.=q8_0"));
    m_overrides->setMaximumHeight(70);
    av->addWidget(m_overrides);
    m_overridesMessage = new QLabel(advanced);
    m_overridesMessage->setObjectName(QStringLiteral("overridesMessage"));
    av->addWidget(m_overridesMessage);
    auto* previewRow = new QHBoxLayout;
    previewRow->addWidget(new QLabel(tr("Preview for:"), advanced));
    m_previewMix = new QComboBox(advanced);
    m_previewMix->setObjectName(QStringLiteral("previewMix"));
    previewRow->addWidget(m_previewMix);
    m_previewSize = new QLabel(advanced);
    m_previewSize->setObjectName(QStringLiteral("previewSize"));
    previewRow->addWidget(m_previewSize, 1);
    av->addLayout(previewRow);
    m_preview = new QStandardItemModel(0, 4, advanced);
    m_preview->setHorizontalHeaderLabels({tr("Tensor"), tr("Shape"), tr("Type"), tr("Why")});
    m_previewTable = new QTableView(advanced);
    m_previewTable->setModel(m_preview);
    m_previewTable->verticalHeader()->hide();
    m_previewTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_previewTable->horizontalHeader()->setStretchLastSection(true);
    m_previewTable->setMinimumHeight(160);
    m_previewTable->verticalHeader()->setDefaultSectionSize(m_previewTable->fontMetrics().height() + 6);
    av->addWidget(m_previewTable);
    v->addWidget(advanced);

    auto* eval = new QGroupBox(tr("Evaluate after quantizing"), content);
    eval->setCheckable(true);
    eval->setChecked(settings.value(Settings::Key::WizardEvaluate).toBool());
    m_evaluate = new QCheckBox(eval);  // mirrors the group's check state for fields and tests
    m_evaluate->hide();
    m_evaluate->setChecked(eval->isChecked());
    connect(eval, &QGroupBox::toggled, m_evaluate, &QCheckBox::setChecked);
    connect(m_evaluate, &QCheckBox::toggled, eval, &QGroupBox::setChecked);
    auto* eform = new QFormLayout(eval);
    auto* textRow = new QHBoxLayout;
    m_text = new QLineEdit(demoTextPath(), eval);
    m_text->setObjectName(QStringLiteral("evaluationText"));
    m_text->setToolTip(tr("Plain text the model has not been trained on; the bundled one is held-out Shakespeare"));
    auto* textBrowse = new QPushButton(tr("Browse…"), eval);
    textRow->addWidget(m_text, 1);
    textRow->addWidget(textBrowse);
    eform->addRow(tr("Text:"), textRow);
    m_evalContext = new QSpinBox(eval);
    m_evalContext->setRange(16, 1 << 16);
    m_evalContext->setValue(settings.value(Settings::Key::WizardEvalContext).toInt());
    m_evalContext->setSuffix(tr(" tokens"));
    eform->addRow(tr("Context:"), m_evalContext);
    m_chunks = new QSpinBox(eval);
    m_chunks->setRange(0, 100000);
    m_chunks->setValue(settings.value(Settings::Key::WizardEvalChunks).toInt());
    m_chunks->setSpecialValueText(tr("the whole text"));
    m_chunks->setToolTip(tr("Chunks of the context's length to score; fewer is faster, more is more precise"));
    eform->addRow(tr("At most:"), m_chunks);
    auto* metrics = new QLabel(tr("Perplexity and KL divergence against the source (one pass over the text)"), eval);
    metrics->setWordWrap(true);
    eform->addRow(tr("Measures:"), metrics);
    m_speed = new QCheckBox(tr("Speed (prompt and generation tokens per second)"), eval);
    m_speed->setChecked(true);
    eform->addRow(QString(), m_speed);
    m_evalNote = makeHint(QString(), eval);
    eform->addRow(m_evalNote);
    v->addWidget(eval);
    v->addStretch(1);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getExistingDirectory(this, tr("Output folder"), m_folder->text());
        if (!f.isEmpty()) m_folder->setText(f);
    });
    connect(textBrowse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Evaluation text"), QFileInfo(m_text->text()).absolutePath(),
                                                       tr("Text (*.txt *.md *.raw);;All files (*)"));
        if (!f.isEmpty()) m_text->setText(f);
    });
    auto changed = [this] {
        updateNames();
        emit completeChanged();
    };
    connect(m_folder, &QLineEdit::textChanged, this, changed);
    connect(m_template, &QLineEdit::textChanged, this, changed);
    connect(m_existing, &QComboBox::currentIndexChanged, this, changed);
    connect(m_text, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_evaluate, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
    for (QComboBox* c : {m_outputType, m_embeddingType, m_previewMix})
        connect(c, &QComboBox::currentIndexChanged, this, &OptionsPage::updatePreview);
    connect(m_pure, &QCheckBox::toggled, this, &OptionsPage::updatePreview);
    connect(m_overrides, &QPlainTextEdit::textChanged, this, &OptionsPage::updatePreview);
}

void OptionsPage::initializePage() {
    const SourceInfo& s = m_wizard->source();
    if (m_folder->text().isEmpty()) {
        const QString stored = m_wizard->settings().value(Settings::Key::WizardOutputFolder).toString();
        // Beside the source (a checkpoint folder's outputs beside the folder), unless that is another
        // tool's store (writing into Ollama's blobs or a Hugging Face snapshot would confuse that tool)
        // or not writable (the installed demo): then the last output folder, else ~/Models.
        QString folder = QFileInfo(s.path).absolutePath();
        bool inStore = false;
        if (const Library* library = m_wizard->sourcePage()->library())
            for (const ModelStore& store : library->modelStores())
                if (store.exists() && isUnderLocation(normalizeLocation(s.path), normalizeLocation(store.path))) inStore = true;
        if (inStore || !QFileInfo(folder).isWritable()) {
            folder = stored;
            if (folder.isEmpty() || !QFileInfo(folder).isWritable()) {
                folder = QDir::homePath() + QStringLiteral("/Models");  // created on Start
            }
        }
        m_folder->setText(native(folder));
    }
    const QString previous = m_previewMix->currentText();
    m_previewMix->blockSignals(true);
    m_previewMix->clear();
    m_previewMix->addItems(m_wizard->methodsPage()->model()->checkedMixes());
    const int keep = m_previewMix->findText(previous);
    if (keep >= 0) m_previewMix->setCurrentIndex(keep);
    m_previewMix->blockSignals(false);
    const bool runnable = s.runNote.isEmpty();
    m_evalNote->setText(runnable ? tr("Results go to the results database, so the Models page and later comparisons show them.")
                                 : tr("Not available: QuantDesk cannot run this model yet (%1).").arg(s.runNote));
    if (!runnable) m_evaluate->setChecked(false);
    m_evaluate->parentWidget()->setEnabled(runnable);
    // Imatrix chunks no longer than the model was trained for (512 unless it is less, as llama-imatrix's -c).
    if (const qd::GgufValue* c = qd::findMetadata(s.description.metadata, s.architecture.toStdString() + ".context_length"))
        if (auto n = c->toUInt(); n && *n >= 16) {
            m_imatrixContext->setMaximum(int(std::min<uint64_t>(*n, 1 << 16)));
            m_imatrixContext->setValue(int(std::min<uint64_t>(*n, 512)));
        }
    updateNames();
    updatePreview();
}

OptionsPage::ImatrixMode OptionsPage::imatrixMode() const { return ImatrixMode(m_imatrixMode->currentData().toInt()); }

void OptionsPage::updateImatrixRows() {
    const ImatrixMode mode = imatrixMode();
    m_imatrixTextRow->setVisible(mode == ComputeImatrix);
    m_imatrixFileRow->setVisible(mode == ImatrixFromFile);
    if (auto* form = qobject_cast<QFormLayout*>(m_imatrixTextRow->parentWidget()->layout())) {
        form->setRowVisible(m_imatrixTextRow, mode == ComputeImatrix);
        form->setRowVisible(m_imatrixFileRow, mode == ImatrixFromFile);
    }
    switch (mode) {
    case NoImatrix: m_imatrixNote->setText(tr("Quantized as llama-quantize does without --imatrix.")); break;
    case ComputeImatrix:
        m_imatrixNote->setText(tr("Computed once before the variants (a job of its own) and kept, so other runs of this source and "
                                  "text reuse it."));
        break;
    case ImatrixFromFile: m_imatrixNote->setText(tr("Checked against this model's tensors when you press Start.")); break;
    }
}

bool OptionsPage::options(QuantizeOptions& out, QString* error) const {
    out = QuantizeOptions{};
    out.mix.imatrix = imatrixMode() != NoImatrix;  // the mix rules that depend on one (the sizes shown follow)
    out.mix.pure = m_pure->isChecked();
    out.threads = m_threads->value();
    if (const QString t = m_outputType->currentData().toString(); !t.isEmpty())
        out.mix.outputType = ggmlTypeFromName(t.toStdString());
    if (const QString t = m_embeddingType->currentData().toString(); !t.isEmpty())
        out.mix.embeddingType = ggmlTypeFromName(t.toStdString());
    QString e;
    out.mix.tensorTypes = parseOverrides(m_overrides->toPlainText(), &e);
    if (error) *error = e;
    out.allowRequantize = m_wizard->source().quantized;
    return e.isEmpty();
}

QStringList OptionsPage::outputPaths(const QStringList& mixes) const {
    QStringList out;
    const QDir dir(QDir::fromNativeSeparators(m_folder->text().trimmed()));
    const int policy = m_existing->currentData().toInt();
    for (const QString& mix : mixes) {
        QString name = expandFileName(m_template->text(), m_wizard->source(), mix);
        if (!name.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive)) name += QStringLiteral(".gguf");
        QString path = dir.absoluteFilePath(name);
        if (policy == Number) {
            const QString stem = QFileInfo(name).completeBaseName();
            for (int n = 2; QFileInfo::exists(path) || out.contains(path); ++n)
                path = dir.absoluteFilePath(QStringLiteral("%1-%2.gguf").arg(stem).arg(n));
        }
        out << path;
    }
    return out;
}

void OptionsPage::updateNames() {
    const QStringList mixes = m_wizard->methodsPage()->model()->checkedMixes();
    const QStringList paths = outputPaths(mixes);
    QStringList lines;
    for (const QString& p : paths) {
        const bool exists = QFileInfo::exists(p);
        QString line = QFileInfo(p).fileName().toHtmlEscaped();
        if (exists) line += QStringLiteral(" <span style='color:#b26a00'>(%1)</span>").arg(tr("exists").toHtmlEscaped());
        lines << line;
    }
    m_names->setText(lines.join(QStringLiteral("<br>")));
    const QString folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    const QFileInfo fi(folder);
    if (folder.isEmpty()) m_space->setText(tr("Choose a folder."));
    else if (!fi.exists() && QFileInfo(fi.absolutePath()).isDir() && QFileInfo(fi.absolutePath()).isWritable())
        m_space->setText(tr("This folder will be created; %1 free there.").arg(formatSize(freeSpace(fi.absolutePath()))));
    else if (!fi.isDir()) m_space->setText(tr("This folder does not exist."));
    else if (!fi.isWritable()) m_space->setText(tr("You cannot write in this folder; choose another."));
    else
        m_space->setText(tr("%1 free; the selected outputs need %2")
                             .arg(formatSize(freeSpace(folder)), formatSize(m_wizard->methodsPage()->model()->checkedBytes())));
}

void OptionsPage::updatePreview() {
    QuantizeOptions options;
    QString error;
    m_overridesValid = this->options(options, &error);
    m_overridesMessage->setText(error.isEmpty() ? QString() : QStringLiteral("<span style='color:#c62828'>%1</span>").arg(error.toHtmlEscaped()));
    m_preview->removeRows(0, m_preview->rowCount());
    emit completeChanged();
    if (!m_overridesValid) {
        m_previewSize->clear();
        return;
    }
    // The new options change the sizes on the methods page too.
    m_wizard->methodsPage()->refresh();
    const QString mix = m_previewMix->currentText();
    auto info = mixByName(mix.toStdString());
    if (!info) return;
    options.mix.mix = *info;
    auto e = estimateQuantize(m_wizard->source().description, options);
    if (!e) {
        m_previewSize->setText(QStringLiteral("<span style='color:#c62828'>%1</span>").arg(QString::fromStdString(e.message()).toHtmlEscaped()));
        return;
    }
    QuantizeOptions standard;
    standard.mix.mix = *info;
    standard.allowRequantize = options.allowRequantize;
    auto plain = estimateQuantize(m_wizard->source().description, standard);
    QString text = tr("%1 with these settings: %2 bytes (%3)")
                       .arg(mix, QLocale().toString(qulonglong(e->fileBytes)), formatSize(e->fileBytes));
    if (plain && plain->fileBytes != e->fileBytes)
        text += QLatin1Char(' ') + tr("instead of %1 without them").arg(formatSize(plain->fileBytes));
    m_previewSize->setText(text);
    for (const auto& t : e->plan.tensors) {
        QString why;
        if (t.overridden) why = tr("your override");
        else if (t.fallback) why = tr("fallback: its rows do not fit the method's block size");
        else if (!t.convert) why = tr("kept as it is");
        else if (t.targetType != info->defaultType) why = tr("the method gives this tensor more bits");
        else why = tr("the method's main type");
        QList<QStandardItem*> row{new QStandardItem(QString::fromStdString(t.name)), new QStandardItem(shapeText(t.dims)),
                                  new QStandardItem(QString::fromLatin1(ggmlTypeName(t.targetType).data(),
                                                                        int(ggmlTypeName(t.targetType).size()))),
                                  new QStandardItem(why)};
        m_preview->appendRow(row);
    }
    m_previewTable->resizeColumnsToContents();
}

bool OptionsPage::isComplete() const {
    const QFileInfo fi(QDir::fromNativeSeparators(m_folder->text().trimmed()));
    const QFileInfo parent(fi.absolutePath());
    const bool creatable = !fi.exists() && parent.isDir() && parent.isWritable();
    if (!creatable && (!fi.isDir() || !fi.isWritable())) return false;
    if (expandFileName(m_template->text(), m_wizard->source(), QStringLiteral("X")).isEmpty()) return false;
    if (!m_overridesValid) return false;
    if (m_evaluate->isChecked() && !QFileInfo(m_text->text()).isFile()) return false;
    if (imatrixMode() == ComputeImatrix && !QFileInfo(m_imatrixText->text()).isFile()) return false;
    if (imatrixMode() == ImatrixFromFile && !QFileInfo(m_imatrixFile->text()).isFile()) return false;
    return true;
}

bool OptionsPage::validatePage() {
    if (imatrixMode() == ImatrixFromFile) {
        const SourceInfo& s = m_wizard->source();
        const QString problem = checkImatrixForModel(m_imatrixFile->text(), s.description, s.name);
        m_imatrixNote->setText(problem.isEmpty() ? tr("Checked: it fits this model.") : problem);
        if (!problem.isEmpty()) {
            QMessageBox::warning(this, tr("This importance matrix cannot be used"), problem);
            return false;
        }
    }
    const QString folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    if (!QFileInfo(folder).isDir() && !QDir().mkpath(folder)) {
        QMessageBox::warning(this, tr("Cannot create the folder"), tr("%1 could not be created.").arg(native(folder)));
        return false;
    }
    const QStringList mixes = m_wizard->methodsPage()->model()->checkedMixes();
    const QStringList paths = outputPaths(mixes);
    QStringList seen;
    for (const QString& p : paths) {
        if (seen.contains(p)) {
            QMessageBox::warning(this, tr("Two outputs with one name"),
                                 tr("The file-name template gives two methods the same name (%1). Put {mix} in it.")
                                     .arg(QFileInfo(p).fileName()));
            return false;
        }
        seen << p;
        if (QFileInfo(p).absoluteFilePath() == QFileInfo(m_wizard->source().path).absoluteFilePath()) {
            QMessageBox::warning(this, tr("Output would replace the source"),
                                 tr("%1 is the source itself. Choose another name or folder.").arg(native(p)));
            return false;
        }
    }
    if (m_existing->currentData().toInt() == Stop) {
        QStringList existing;
        for (const QString& p : paths)
            if (QFileInfo::exists(p)) existing << QFileInfo(p).fileName();
        if (!existing.isEmpty()) {
            QMessageBox::warning(this, tr("Files exist"),
                                 tr("These files exist already: %1. Choose another name, or choose what to do when a file "
                                    "exists.")
                                     .arg(existing.join(QStringLiteral(", "))));
            return false;
        }
    }
    const quint64 needed = m_wizard->methodsPage()->model()->checkedBytes() +
                           (m_wizard->source().needsImport() ? m_wizard->source().parameters * 2 : 0);
    const quint64 free = freeSpace(QDir::fromNativeSeparators(m_folder->text().trimmed()));
    if (free > 0 && needed > free) {
        const auto answer = QMessageBox::question(
            this, tr("Not enough space"),
            tr("The outputs need %1 but %2 is free. Quantizing will stop with a \"disk full\" message when it runs out. "
               "Start anyway?")
                .arg(formatSize(needed), formatSize(free)));
        if (answer != QMessageBox::Yes) return false;
    }
    Settings& s = m_wizard->settings();
    s.setValue(Settings::Key::WizardOutputFolder, QDir::fromNativeSeparators(m_folder->text().trimmed()));
    s.setValue(Settings::Key::WizardNameTemplate, m_template->text());
    s.setValue(Settings::Key::WizardEvaluate, m_evaluate->isChecked());
    s.setValue(Settings::Key::WizardEvalContext, m_evalContext->value());
    s.setValue(Settings::Key::WizardEvalChunks, m_chunks->value());
    return true;
}

// ---------------------------------------------------------------------------------------------------
// 4. Run

RunPage::RunPage(QuantizeWizard* wizard) : QWizardPage(wizard), m_wizard(wizard) {
    setTitle(tr("Quantizing"));
    setSubTitle(tr("You can close this window: the jobs keep running, and the Jobs button in the status bar shows them."));
    setButtonText(QWizard::CancelButton, tr("Close"));
    auto* v = new QVBoxLayout(this);
    auto* overallRow = new QHBoxLayout;
    overallRow->addWidget(new QLabel(tr("<b>Overall</b>"), this));
    m_overall = new QProgressBar(this);
    m_overall->setObjectName(QStringLiteral("overallProgress"));
    m_overall->setRange(0, 1000);
    overallRow->addWidget(m_overall, 1);
    m_cancelAll = new QPushButton(QIcon(QStringLiteral(":/icons/cancel.svg")), tr("Cancel all"), this);
    m_cancelAll->setObjectName(QStringLiteral("cancelAll"));
    overallRow->addWidget(m_cancelAll);
    v->addLayout(overallRow);
    m_stage = new QLabel(this);
    m_stage->setObjectName(QStringLiteral("runStage"));
    m_stage->setWordWrap(true);
    v->addWidget(m_stage);
    auto* box = new QGroupBox(tr("Jobs"), this);
    m_rows = new QVBoxLayout(box);
    v->addWidget(box);
    v->addStretch(1);
    auto* jobs = new QPushButton(tr("Open the Jobs panel (logs)"), this);
    connect(jobs, &QPushButton::clicked, m_wizard, &QuantizeWizard::showJobsRequested);
    v->addWidget(jobs, 0, Qt::AlignLeft);

    connect(m_cancelAll, &QPushButton::clicked, this, [this] {
        for (int id : m_wizard->allJobs()) m_wizard->jobs().cancel(id);
    });
    connect(&m_wizard->jobs(), &JobRunner::jobChanged, this, &RunPage::refresh);
    connect(&m_wizard->jobs(), &JobRunner::jobStarted, this, &RunPage::refresh);
    connect(&m_wizard->jobs(), &JobRunner::jobFinished, this, [this] {
        refresh();
        emit completeChanged();
    });
}

void RunPage::initializePage() {
    if (m_started) return;
    m_started = true;
    m_wizard->startRun();
    for (int id : m_wizard->allJobs()) {
        const JobRecord* r = m_wizard->jobs().job(id);
        if (!r) continue;
        auto* row = new QHBoxLayout;
        auto* title = new QLabel(r->title, this);
        title->setMinimumWidth(320);
        auto* bar = new QProgressBar(this);
        bar->setRange(0, 1000);
        auto* state = new QLabel(this);
        state->setMinimumWidth(150);
        auto* cancel = new QPushButton(tr("Cancel"), this);
        cancel->setToolTip(tr("Stop this job; its unfinished file is removed, the others go on"));
        connect(cancel, &QPushButton::clicked, this, [this, id] { m_wizard->jobs().cancel(id); });
        row->addWidget(title);
        row->addWidget(bar, 1);
        row->addWidget(state);
        row->addWidget(cancel);
        m_rows->addLayout(row);
        m_rowWidgets.append({id, title, bar, state, cancel});
    }
    refresh();
}

QProgressBar* RunPage::barFor(int jobId) const {
    for (const Row& r : m_rowWidgets)
        if (r.job == jobId) return r.bar;
    return nullptr;
}

QPushButton* RunPage::cancelButtonFor(int jobId) const {
    for (const Row& r : m_rowWidgets)
        if (r.job == jobId) return r.cancel;
    return nullptr;
}

void RunPage::refresh() {
    double sum = 0;
    int count = 0;
    QString stage;
    for (const Row& row : m_rowWidgets) {
        const JobRecord* r = m_wizard->jobs().job(row.job);
        if (!r) continue;
        const double f = r->state == JobState::Finished ? 1.0 : r->fraction();
        row.bar->setValue(int(f * 1000));
        row.bar->setFormat(QStringLiteral("%1%").arg(int(f * 100)));
        QString state = jobStateText(r->state);
        if (r->state == JobState::Running) {
            const double eta = r->etaSeconds();
            state = eta >= 0 ? tr("%1 left").arg(formatDuration(eta)) : tr("running");
            QString rate = r->bytes && r->bytesPerSecond > 0
                               ? tr(", %1 MB/s").arg(QLocale().toString(r->bytesPerSecond / 1e6, 'f', 0))
                               : QString();
            stage = tr("%1: %2%3, %4 elapsed").arg(r->title, r->stage, rate, formatDuration(double(r->elapsedMs) / 1000));
        }
        row.state->setText(state);
        row.state->setToolTip(r->outcome.message);
        if (r->state == JobState::Failed) row.state->setStyleSheet(QStringLiteral("color: #c62828; font-weight: bold;"));
        row.cancel->setEnabled(!isFinalState(r->state));
        sum += f;
        ++count;
    }
    m_overall->setValue(count ? int(sum / count * 1000) : 0);
    m_overall->setFormat(QStringLiteral("%1%").arg(count ? int(sum / count * 100) : 0));
    if (m_wizard->runFinished()) {
        stage = tr("All jobs have ended. Next shows the results.");
        m_cancelAll->setEnabled(false);
    }
    m_stage->setText(stage);
}

bool RunPage::isComplete() const { return m_started && m_wizard->runFinished(); }

// ---------------------------------------------------------------------------------------------------
// 5. Summary

SummaryPage::SummaryPage(QuantizeWizard* wizard) : QWizardPage(wizard), m_wizard(wizard) {
    setTitle(tr("Results"));
    setSubTitle(tr("Each output's size against the prediction, how long it took, and what the evaluation measured. The "
                   "measurements are kept in the results database."));
    setFinalPage(true);
    auto* v = new QVBoxLayout(this);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    v->addWidget(m_message);
    m_table = new QStandardItemModel(0, 9, this);
    m_table->setHorizontalHeaderLabels({tr("Method"), tr("File"), tr("Predicted"), tr("Actual"), tr("Time"), tr("Perplexity"),
                                        tr("KLD"), tr("Tokens/s"), tr("Result")});
    auto* view = new QTableView(this);
    m_view = view;
    view->setObjectName(QStringLiteral("summaryTable"));
    view->setModel(m_table);
    view->verticalHeader()->hide();
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->horizontalHeader()->setStretchLastSection(true);
    v->addWidget(view, 1);
    auto* buttons = new QHBoxLayout;
    auto* folder = new QPushButton(QIcon(QStringLiteral(":/icons/folder.svg")), tr("Show in folder"), this);
    folder->setObjectName(QStringLiteral("showInFolder"));
    auto* library = new QPushButton(QIcon(QStringLiteral(":/icons/models.svg")), tr("Show in Models page"), this);
    library->setObjectName(QStringLiteral("showInLibrary"));
    m_chat = new QPushButton(QIcon(QStringLiteral(":/icons/chat.svg")), tr("Chat with…"), this);
    m_chat->setObjectName(QStringLiteral("chatWith"));
    m_chat->setToolTip(tr("Open the selected output in the Chat page"));
    m_sideBySide = new QPushButton(tr("Side by side"), this);
    m_sideBySide->setObjectName(QStringLiteral("sideBySide"));
    m_sideBySide->setToolTip(tr("Send the same messages to every finished output in the Chat page and compare the answers"));
    buttons->addWidget(folder);
    buttons->addWidget(library);
    buttons->addWidget(m_chat);
    buttons->addWidget(m_sideBySide);
    buttons->addStretch(1);
    v->addLayout(buttons);
    connect(m_chat, &QPushButton::clicked, this, [this] {
        const QStringList files = finishedOutputs();
        if (!files.isEmpty()) emit m_wizard->chatRequested(files.first());
    });
    connect(m_sideBySide, &QPushButton::clicked, this, [this] {
        const QStringList files = finishedOutputs();
        if (files.size() >= 2) emit m_wizard->sideBySideRequested(files);
    });
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SummaryPage::updateChatButtons);
    connect(folder, &QPushButton::clicked, this, [this] {
        for (const auto& vj : m_wizard->variantJobs())
            if (QFileInfo::exists(vj.output)) {
                QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(vj.output).absolutePath()));
                return;
            }
    });
    connect(library, &QPushButton::clicked, this, [this] {
        for (const auto& vj : m_wizard->variantJobs())
            if (QFileInfo::exists(vj.output)) emit m_wizard->showInLibrary(vj.output);
    });
}

QStringList SummaryPage::finishedOutputs() const {
    QStringList files;
    const auto& jobs = m_wizard->variantJobs();
    const int current = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
    for (int i = -1; i < int(jobs.size()); ++i) {
        const int row = i < 0 ? current : i;
        if (row < 0 || row >= int(jobs.size())) continue;
        const JobRecord* r = m_wizard->jobs().job(jobs[size_t(row)].job);
        if (r && r->state == JobState::Finished && QFileInfo::exists(jobs[size_t(row)].output) && !files.contains(jobs[size_t(row)].output))
            files << jobs[size_t(row)].output;
    }
    return files;
}

void SummaryPage::updateChatButtons() {
    const QStringList files = finishedOutputs();
    m_chat->setVisible(m_wizard->chatAvailable());
    m_sideBySide->setVisible(m_wizard->chatAvailable());
    m_chat->setEnabled(!files.isEmpty());
    m_sideBySide->setEnabled(files.size() >= 2);
}

void SummaryPage::initializePage() {
    m_table->removeRows(0, m_table->rowCount());
    QHash<QString, QVariantMap> measured;
    if (const JobRecord* e = m_wizard->jobs().job(m_wizard->evaluateJob()); e && e->state == JobState::Finished)
        for (const QVariant& r : e->outcome.value.toMap().value(QStringLiteral("results")).toList())
            measured.insert(r.toMap().value(QStringLiteral("mix")).toString(), r.toMap());
    int done = 0, failed = 0;
    for (const auto& vj : m_wizard->variantJobs()) {
        const JobRecord* r = m_wizard->jobs().job(vj.job);
        const bool ok = r && r->state == JobState::Finished;
        const QVariantMap value = ok ? r->outcome.value.toMap() : QVariantMap();
        const QVariantMap m = measured.value(vj.mix);
        auto item = [](const QString& text) {
            auto* i = new QStandardItem(text);
            return i;
        };
        QList<QStandardItem*> row{
            item(vj.mix),
            item(QFileInfo(vj.output).fileName()),
            item(formatSize(vj.predicted)),
            item(ok ? formatSize(value.value(QStringLiteral("bytes")).toULongLong()) : QString()),
            item(ok ? formatDuration(value.value(QStringLiteral("seconds")).toDouble()) : QString()),
            item(m.isEmpty() ? QString() : QLocale().toString(m.value(QStringLiteral("ppl")).toDouble(), 'f', 3)),
            item(m.isEmpty() ? QString() : QLocale().toString(m.value(QStringLiteral("kld")).toDouble(), 'f', 5)),
            item(m.isEmpty() || m.value(QStringLiteral("tokensPerSecond")).toDouble() <= 0
                     ? QString()
                     : QLocale().toString(m.value(QStringLiteral("tokensPerSecond")).toDouble(), 'f', 1)),
            item(r ? (ok ? tr("Done") : r->outcome.message) : QString()),
        };
        row[1]->setToolTip(native(vj.output));
        if (ok) row[3]->setToolTip(tr("%1 bytes (predicted %2)").arg(value.value(QStringLiteral("bytes")).toULongLong()).arg(vj.predicted));
        m_table->appendRow(row);
        ok ? ++done : ++failed;
    }
    m_view->resizeColumnsToContents();
    QString text = tr("%n file(s) written.", nullptr, done);
    if (const JobRecord* e = m_wizard->jobs().job(m_wizard->evaluateJob()); e && e->state == JobState::Finished)
        text += QLatin1Char(' ') + tr("The source's perplexity on the same text: %1.")
                                       .arg(QLocale().toString(e->outcome.value.toMap().value(QStringLiteral("basePpl")).toDouble(), 'f', 3));
    if (failed) text += QLatin1Char(' ') + tr("%n did not finish; the Result column says why.", nullptr, failed);
    if (const JobRecord* e = m_wizard->jobs().job(m_wizard->evaluateJob()); e && e->state != JobState::Finished)
        text += QLatin1Char(' ') + tr("Evaluation: %1").arg(e->outcome.message);
    m_message->setText(text);
    updateChatButtons();
}

// ---------------------------------------------------------------------------------------------------

void QuantizeWizard::setChatAvailable(bool on) {
    m_chatAvailable = on;
    m_summaryPage->updateChatButtons();
}

QuantizeWizard::QuantizeWizard(Settings& settings, JobRunner& jobs, QWidget* parent)
    : QWizard(parent), m_settings(settings), m_jobs(jobs), m_memory(qd::physicalMemoryBytes()) {
    setWindowTitle(tr("Quantize a model"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnLastPage, true);
    setOption(QWizard::NoCancelButtonOnLastPage, true);
    m_sourcePage = new SourcePage(this);
    m_methodsPage = new MethodsPage(this);
    m_optionsPage = new OptionsPage(this);
    m_runPage = new RunPage(this);
    m_summaryPage = new SummaryPage(this);
    setPage(SourceId, m_sourcePage);
    setPage(MethodsId, m_methodsPage);
    setPage(OptionsId, m_optionsPage);
    setPage(RunId, m_runPage);
    setPage(SummaryId, m_summaryPage);
    resize(980, 700);
}

void QuantizeWizard::setSource(const QString& path) {
    if (!path.isEmpty()) m_sourcePage->setPath(path);
}

const SourceInfo& QuantizeWizard::source() const { return m_sourcePage->info(); }

QList<int> QuantizeWizard::allJobs() const {
    QList<int> ids;
    if (m_importJob) ids << m_importJob;
    if (m_imatrixJob) ids << m_imatrixJob;
    for (const auto& v : m_variants) ids << v.job;
    if (m_evaluateJob) ids << m_evaluateJob;
    return ids;
}

bool QuantizeWizard::runFinished() const {
    for (int id : allJobs()) {
        const JobRecord* r = m_jobs.job(id);
        if (r && !isFinalState(r->state)) return false;
    }
    return !allJobs().isEmpty();
}

void QuantizeWizard::startRun() {
    const SourceInfo& s = source();
    QuantizeOptions base;
    m_optionsPage->options(base);
    const QStringList mixes = m_methodsPage->model()->checkedMixes();
    const QStringList outputs = m_optionsPage->outputPaths(mixes);
    const QString folder = QFileInfo(outputs.value(0)).absolutePath();

    QString gguf = s.path;
    std::shared_ptr<TemporaryFile> imported;
    std::vector<int> after;
    if (s.needsImport()) {
        // The F16 file the quantizations read; removed when the last job that needs it is gone.
        imported = std::make_shared<TemporaryFile>(
            QDir(folder).absoluteFilePath(QStringLiteral(".%1-F16.import.gguf").arg(expandFileName(QStringLiteral("{name}"), s, {}))));
        gguf = imported->path();
        m_importJob = m_jobs.submit(qd::ui::importJob({s.path, imported, {}, s.delta}));
        after.push_back(m_importJob);
    }
    // The importance matrix: computed first (after the import), or the person's file.
    QString imatrixFile;
    m_imatrixJob = 0;
    if (m_optionsPage->imatrixMode() == OptionsPage::ComputeImatrix) {
        ImatrixRequest r;
        r.model = gguf;
        r.textFile = m_optionsPage->imatrixTextEdit()->text();
        r.context = m_optionsPage->imatrixContextSpin()->value();
        r.maxChunks = m_optionsPage->imatrixChunksSpin()->value();
        r.threads = m_optionsPage->threadsSpin()->value();
        r.output = imatrixCachePath(s.path, r.textFile, r.context, r.maxChunks);
        r.keepAlive = imported;
        imatrixFile = r.output;
        JobSpec spec = qd::ui::imatrixJob(r);
        spec.after = after;
        m_imatrixJob = m_jobs.submit(std::move(spec));
        after = {m_imatrixJob};  // the import comes before it
    } else if (m_optionsPage->imatrixMode() == OptionsPage::ImatrixFromFile) {
        imatrixFile = m_optionsPage->imatrixFileEdit()->text();
    }
    QStringList files;
    for (int i = 0; i < mixes.size(); ++i) {
        VariantRequest v;
        v.mix = mixes[i];
        v.source = gguf;
        v.output = outputs[i];
        v.options = base;
        v.options.mix.mix = *mixByName(mixes[i].toStdString());
        v.imatrixFile = imatrixFile;
        const MethodEstimate* e = m_methodsPage->model()->estimate(mixes[i]);
        v.predictedBytes = e ? e->fileBytes : 0;
        v.keepAlive = imported;
        JobSpec spec = quantizeJob(v);
        spec.after = after;
        const int id = m_jobs.submit(std::move(spec));
        m_variants.append({mixes[i], outputs[i], v.predictedBytes, id});
        files << outputs[i];
    }
    if (m_optionsPage->evaluateBox()->isChecked() && s.runNote.isEmpty()) {
        EvaluateRequest r;
        r.base = gguf;
        r.mixes = mixes;
        r.files = files;
        r.textFile = m_optionsPage->textEdit()->text();
        r.database = m_database;
        r.context = m_optionsPage->evalContextSpin()->value();
        r.maxChunks = m_optionsPage->chunksSpin()->value();
        r.threads = m_optionsPage->threadsSpin()->value();
        r.speed = m_optionsPage->speedBox()->isChecked();
        r.keepAlive = imported;
        JobSpec spec = qd::ui::evaluateJob(r);
        for (const auto& v : m_variants) spec.after.push_back(v.job);
        spec.evenIfAfterFails = true;  // measures the variants that were made
        m_evaluateJob = m_jobs.submit(std::move(spec));
    }
    emit runStateChanged();
}

}  // namespace qd::ui
