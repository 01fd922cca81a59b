#include "ui/model_details_panel.h"

#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <filesystem>

#include "core/chat/builtin_templates.h"
#include "core/common/system_info.h"
#include "core/engine/chat_session.h"
#include "core/gguf/gguf_file.h"
#include "ui/format.h"
#include "ui/metadata_table_model.h"
#include "ui/tensor_table_model.h"
#include "ui/value_dialog.h"

namespace qd::ui {

namespace {

QString fromStd(const std::string& s) { return QString::fromStdString(s); }
QString number(quint64 n) { return QLocale().toString(static_cast<qulonglong>(n)); }

// Enter on a table row does what a double-click does (opening the full value).
class ActivatingTableView : public QTableView {
public:
    using QTableView::QTableView;

protected:
    void keyPressEvent(QKeyEvent* event) override {
        if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentIndex().isValid()) {
            emit activated(currentIndex());
            return;
        }
        QTableView::keyPressEvent(event);
    }
};

QTableView* makeTable(QWidget* parent, QAbstractItemModel* model, const QString& name) {
    auto* view = new ActivatingTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideRight);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);  // file order until a click
    view->setSortingEnabled(true);
    return view;
}

QLabel* valueLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    label->setWordWrap(true);
    return label;
}

}  // namespace

ModelDetailsPanel::ModelDetailsPanel(QWidget* parent) : QWidget(parent), m_physicalMemory(qd::physicalMemoryBytes()) {
    m_stack = new QStackedWidget(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    auto* empty = new QLabel(tr("Select a model above to see its metadata and tensors."), m_stack);
    empty->setObjectName(QStringLiteral("detailsPlaceholder"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setEnabled(false);
    m_stack->addWidget(empty);

    m_splitter = new QSplitter(Qt::Horizontal, m_stack);
    m_splitter->setObjectName(QStringLiteral("detailsSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(buildSummary());
    m_splitter->addWidget(buildTables());
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({390, 690});
    m_stack->addWidget(m_splitter);
}

ModelDetailsPanel::~ModelDetailsPanel() {
    // A running load only reads its own copy of the path; it may finish after we are gone.
    if (m_watcher) m_watcher->disconnect(this);
}

QWidget* ModelDetailsPanel::buildSummary() {
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("detailsSummary"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(280);
    auto* box = new QWidget(scroll);
    auto* v = new QVBoxLayout(box);
    v->setContentsMargins(12, 8, 12, 8);

    m_title = new QLabel(box);
    m_title->setObjectName(QStringLiteral("detailsTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    v->addWidget(m_title);

    m_path = new QLabel(box);
    m_path->setObjectName(QStringLiteral("detailsPath"));
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_path->setWordWrap(true);
    QPalette pal = m_path->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::Disabled, QPalette::WindowText));
    m_path->setPalette(pal);
    v->addWidget(m_path);

    m_error = valueLabel(box);
    m_error->setObjectName(QStringLiteral("detailsError"));
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    v->addWidget(m_error);

    m_form = new QFormLayout;
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_form->setHorizontalSpacing(10);
    m_form->setVerticalSpacing(5);
    addRow(tr("Architecture:"), &m_architecture);
    addRow(tr("Parameters:"), &m_parameters);
    addRow(tr("File type:"), &m_fileType);
    addRow(tr("Tensors:"), &m_tensorTypes);
    addRow(tr("File size:"), &m_fileSize);
    addRow(tr("Context:"), &m_context);
    addRow(tr("Shape:"), &m_shape);
    addRow(tr("Attention:"), &m_heads);
    addRow(tr("Vocabulary:"), &m_vocabulary);
    addRow(tr("Chat template:"), &m_chatTemplate);
    addRow(tr("Memory:"), &m_memory);
    addRow(tr("Runs here:"), &m_runs);
    connect(m_chatTemplate, &QLabel::linkActivated, this, &ModelDetailsPanel::showChatTemplate);
    v->addLayout(m_form);
    v->addStretch(1);
    scroll->setWidget(box);
    return scroll;
}

void ModelDetailsPanel::addRow(const QString& label, QLabel** value) {
    *value = valueLabel(this);
    m_form->addRow(label, *value);
}

QWidget* ModelDetailsPanel::buildTables() {
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("detailsTabs"));
    m_tabs->setDocumentMode(true);

    m_metadata = new MetadataTableModel(this);
    m_metadataProxy = new QSortFilterProxyModel(this);
    m_metadataProxy->setSourceModel(m_metadata);
    m_metadataProxy->setSortRole(MetadataTableModel::SortRole);
    m_metadataProxy->setFilterKeyColumn(MetadataTableModel::KeyColumn);
    m_metadataProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_tensors = new TensorTableModel(this);
    m_tensorProxy = new QSortFilterProxyModel(this);
    m_tensorProxy->setSourceModel(m_tensors);
    m_tensorProxy->setSortRole(TensorTableModel::SortRole);
    m_tensorProxy->setFilterKeyColumn(-1);  // name or type
    m_tensorProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto makeTab = [this](QLineEdit** filter, const QString& placeholder, QTableView* view) {
        auto* page = new QWidget(m_tabs);
        auto* v = new QVBoxLayout(page);
        v->setContentsMargins(0, 4, 0, 0);
        v->setSpacing(4);
        *filter = new QLineEdit(page);
        (*filter)->setPlaceholderText(placeholder);
        (*filter)->setClearButtonEnabled(true);
        v->addWidget(*filter);
        view->setParent(page);
        v->addWidget(view, 1);
        return page;
    };

    m_metadataView = makeTable(this, m_metadataProxy, QStringLiteral("metadataTable"));
    m_metadataView->horizontalHeader()->setSectionResizeMode(MetadataTableModel::KeyColumn, QHeaderView::Interactive);
    m_metadataView->horizontalHeader()->setSectionResizeMode(MetadataTableModel::TypeColumn, QHeaderView::Interactive);
    m_metadataView->horizontalHeader()->setStretchLastSection(true);
    m_metadataView->setColumnWidth(MetadataTableModel::KeyColumn, 250);
    m_metadataView->setColumnWidth(MetadataTableModel::TypeColumn, 145);
    connect(m_metadataView, &QTableView::activated, this, &ModelDetailsPanel::showMetadataValue);
    m_tabs->addTab(makeTab(&m_metadataFilter, tr("Filter keys"), m_metadataView), tr("Metadata"));
    m_metadataFilter->setObjectName(QStringLiteral("metadataFilter"));
    connect(m_metadataFilter, &QLineEdit::textChanged, m_metadataProxy, &QSortFilterProxyModel::setFilterFixedString);

    m_tensorView = makeTable(this, m_tensorProxy, QStringLiteral("tensorTable"));
    m_tensorView->horizontalHeader()->setStretchLastSection(false);
    // Names take the spare width; the figures keep theirs next to them.
    m_tensorView->horizontalHeader()->setSectionResizeMode(TensorTableModel::NameColumn, QHeaderView::Stretch);
    m_tensorView->setColumnWidth(TensorTableModel::TypeColumn, 70);
    m_tensorView->setColumnWidth(TensorTableModel::ShapeColumn, 130);
    m_tensorView->setColumnWidth(TensorTableModel::ElementsColumn, 100);
    m_tensorView->setColumnWidth(TensorTableModel::BytesColumn, 100);
    m_tabs->addTab(makeTab(&m_tensorFilter, tr("Filter by name or type"), m_tensorView), tr("Tensors"));
    m_tensorFilter->setObjectName(QStringLiteral("tensorFilter"));
    connect(m_tensorFilter, &QLineEdit::textChanged, m_tensorProxy, &QSortFilterProxyModel::setFilterFixedString);

    // While a file loads, or when it cannot be read, the tables give way to a message.
    m_tablesStack = new QStackedWidget(this);
    m_tablesStack->addWidget(m_tabs);
    m_tablesMessage = new QLabel(m_tablesStack);
    m_tablesMessage->setObjectName(QStringLiteral("tablesMessage"));
    m_tablesMessage->setAlignment(Qt::AlignCenter);
    m_tablesMessage->setWordWrap(true);
    m_tablesStack->addWidget(m_tablesMessage);
    return m_tablesStack;
}

void ModelDetailsPanel::setPhysicalMemory(quint64 bytes) {
    m_physicalMemory = bytes;
    if (!m_entry.path.isEmpty()) fillSummary();
}

void ModelDetailsPanel::clear() {
    if (m_watcher) m_watcher->disconnect(this);
    m_loading = false;
    m_entry = ModelEntry{};
    m_metadata->setFile(nullptr);
    m_tensors->setFile(nullptr);
    m_stack->setCurrentIndex(0);
}

void ModelDetailsPanel::showEntry(const ModelEntry& entry) {
    const bool samePath = entry.path == m_entry.path;
    const bool sameFile = samePath && entry.fileSize == m_entry.fileSize && entry.modified == m_entry.modified &&
                          entry.error == m_entry.error;
    m_entry = entry;
    m_stack->setCurrentIndex(1);
    fillSummary();
    if (sameFile && (m_loading || m_metadata->file())) return;  // a rescan reported the same file again
    if (!samePath) {
        m_metadataFilter->clear();
        m_tensorFilter->clear();
    }
    m_metadata->setFile(nullptr);
    m_tensors->setFile(nullptr);
    m_tabs->setTabText(0, tr("Metadata"));
    m_tabs->setTabText(1, tr("Tensors"));
    if (!entry.readable() || entry.kind == ModelKind::HuggingFace) {
        if (m_watcher) m_watcher->disconnect(this);
        m_loading = false;
        if (entry.kind == ModelKind::HuggingFace) {
            QStringList files = QDir(entry.path).entryList(QDir::Files, QDir::Name);
            m_tablesMessage->setText(
                tr("A Hugging Face checkpoint folder: %1.\n\n%2")
                    .arg(files.join(QStringLiteral(", ")),
                         entry.importProblem.isEmpty()
                             ? tr("Its GGUF metadata and tensors exist once it is imported: right-click the row for Import "
                                  "to GGUF… or Quantize…")
                             : tr("QuantDesk cannot import it: %1").arg(entry.importProblem)));
        } else {
            m_tablesMessage->setText(tr("This file could not be read, so it has no metadata or tensors to show."));
        }
        m_tablesStack->setCurrentIndex(1);
        return;
    }
    startLoad(entry.path);
}

void ModelDetailsPanel::fillSummary() {
    const ModelEntry& e = m_entry;
    const ModelSummary& s = e.summary;
    // File name and folder on lines of their own: a long path then wraps at a sensible place.
    const QFileInfo info(e.path);
    m_path->setText(info.fileName() + QLatin1Char('\n') + QDir::toNativeSeparators(info.absolutePath()));
    m_path->setToolTip(QDir::toNativeSeparators(e.path));
    if (!e.readable()) {
        m_title->setText(e.fileName());
        m_error->setText(tr("QuantDesk could not read this file: %1").arg(e.error.toHtmlEscaped()));
        m_error->show();
        for (int row = 0; row < m_form->rowCount(); ++row) m_form->setRowVisible(row, false);
        return;
    }
    m_error->hide();
    m_title->setText(fromStd(s.name));

    auto set = [this](QLabel* label, const QString& text) {
        label->setText(text);
        m_form->setRowVisible(label, !text.isEmpty());
    };
    set(m_architecture, fromStd(s.architecture));
    set(m_parameters, s.parameterCount ? tr("%1 (%2)").arg(fromStd(s.sizeLabel), number(s.parameterCount)) : QString());
    QString type = fromStd(s.fileType);
    if (s.fileTypeGuessed) type = tr("%1 (guessed from the tensors)").arg(type);
    if (s.parameterCount) type = tr("%1 · %2 bits per weight").arg(type, QString::number(s.bitsPerWeight, 'f', 2));
    set(m_fileType, type);
    QStringList byType;
    for (const auto& [t, n] : s.tensorsByType) byType << QStringLiteral("%1 × %2").arg(n).arg(fromStd(t));
    set(m_tensorTypes, tr("%1: %2").arg(number(s.tensorCount), byType.join(QStringLiteral(", "))));
    if (e.kind == ModelKind::HuggingFace)
        set(m_fileSize, tr("%1 (%2 bytes) of safetensors")
                            .arg(formatSize(static_cast<quint64>(e.fileSize)), number(static_cast<quint64>(e.fileSize))));
    else
        set(m_fileSize, tr("%1 (%2 bytes) · GGUF version %3")
                            .arg(formatSize(static_cast<quint64>(e.fileSize)), number(static_cast<quint64>(e.fileSize)))
                            .arg(s.ggufVersion));
    set(m_context, s.contextLength ? tr("%1 tokens").arg(number(s.contextLength)) : QString());
    QStringList shape;
    if (s.blockCount) shape << tr("%1 layers").arg(s.blockCount);
    if (s.embeddingLength) shape << tr("width %1").arg(s.embeddingLength);
    if (s.feedForwardLength) shape << tr("feed-forward %1").arg(s.feedForwardLength);
    set(m_shape, shape.join(QStringLiteral(" · ")));
    set(m_heads, s.headCount ? tr("%1 heads, %2 key/value heads").arg(s.headCount).arg(s.headCountKv ? s.headCountKv : s.headCount)
                             : QString());
    QString vocab;
    if (s.vocabSize) {
        vocab = tr("%1 tokens").arg(number(s.vocabSize));
        if (!s.tokenizerModel.empty()) {
            vocab += QStringLiteral(" · ") + (s.tokenizerPre.empty()
                                                   ? tr("%1 tokenizer").arg(fromStd(s.tokenizerModel))
                                                   : tr("%1 tokenizer, pre-tokenizer %2").arg(fromStd(s.tokenizerModel), fromStd(s.tokenizerPre)));
        }
    }
    set(m_vocabulary, vocab);
    if (s.hasChatTemplate) {
        set(m_chatTemplate, tr("Yes · <a href=\"template\">show</a>"));
    } else {
        const qd::BuiltinChatTemplate* fallback = qd::findBuiltinChatTemplate(qd::fallbackChatTemplate(s.architecture, s.tokenizerPre));
        set(m_chatTemplate, tr("None · chat uses %1")
                                .arg(fallback ? QString::fromUtf8(fallback->displayName.data(), qsizetype(fallback->displayName.size()))
                                              : QStringLiteral("ChatML")));
    }
    if (e.kind == ModelKind::HuggingFace) {
        set(m_memory, QString());
    } else if (s.contextLength) {
        const quint64 need = s.memoryForContext(s.contextLength);
        QString fit;
        switch (qd::memoryFit(need, m_physicalMemory)) {
            case qd::MemoryFit::Yes: fit = tr("fits in RAM"); break;
            case qd::MemoryFit::Tight: fit = tr("tight in RAM"); break;
            case qd::MemoryFit::No: fit = tr("does not fit in RAM"); break;
            case qd::MemoryFit::Unknown: fit = tr("RAM unknown"); break;
        }
        QString text = tr("%1 at %2 tokens (weights %3 + KV cache %4) · %5")
                           .arg(formatSize(need), number(s.contextLength), formatSize(s.tensorBytes),
                                formatSize(s.kvCacheBytes(s.contextLength)), fit);
        if (m_physicalMemory) text += QLatin1Char(' ') + tr("of %1").arg(formatSize(m_physicalMemory));
        set(m_memory, text);
    } else {
        set(m_memory, tr("weights %1").arg(formatSize(s.tensorBytes)));
    }
    if (e.kind == ModelKind::HuggingFace) {
        set(m_runs, e.importProblem.isEmpty() ? tr("After importing it (Import to GGUF… or Quantize…)")
                                              : tr("No: %1").arg(e.importProblem.toHtmlEscaped()));
        m_runs->setStyleSheet(e.importProblem.isEmpty() ? QString() : QStringLiteral("color: #b26a00;"));
    } else if (s.unsupported.empty()) {
        set(m_runs, tr("Yes"));
        m_runs->setStyleSheet(QString());
    } else {
        set(m_runs, tr("No: %1").arg(fromStd(s.unsupported).toHtmlEscaped()));
        m_runs->setStyleSheet(QStringLiteral("color: #b26a00;"));
    }
}

void ModelDetailsPanel::startLoad(const QString& path) {
    if (m_watcher) {
        m_watcher->disconnect(this);
        if (m_watcher->isFinished()) m_watcher->deleteLater();
        else connect(m_watcher, &QFutureWatcherBase::finished, m_watcher, &QObject::deleteLater);
    }
    m_loading = true;
    m_tablesMessage->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_tablesStack->setCurrentIndex(1);
    m_watcher = new QFutureWatcher<Loaded>(this);
    connect(m_watcher, &QFutureWatcherBase::finished, this, [this, w = m_watcher.data()] {
        onLoaded(w->result());
        w->deleteLater();
    });
    m_watcher->setFuture(QtConcurrent::run([path] {
        Loaded out;
        out.path = path;
        auto file = qd::GgufFile::open(std::filesystem::path(path.toStdWString()));
        if (file) out.file = std::make_shared<const qd::GgufFile>(std::move(file).value());
        else out.error = QString::fromStdString(file.message());
        return out;
    }));
}

void ModelDetailsPanel::onLoaded(const Loaded& result) {
    if (result.path != m_entry.path) return;
    m_loading = false;
    if (!result.file) {
        m_tablesMessage->setText(tr("Could not read the file again: %1").arg(result.error));
        m_tablesStack->setCurrentIndex(1);
        emit loadFailed(result.path, result.error);
        return;
    }
    m_metadata->setFile(result.file);
    m_tensors->setFile(result.file);
    m_tabs->setTabText(0, tr("Metadata (%1)").arg(m_metadata->rowCount()));
    m_tabs->setTabText(1, tr("Tensors (%1)").arg(m_tensors->rowCount()));
    m_tablesStack->setCurrentIndex(0);
    emit loaded(result.path);
}

void ModelDetailsPanel::showMetadataValue(const QModelIndex& index) {
    if (!index.isValid()) return;
    const QModelIndex source = m_metadataProxy->mapToSource(index);
    const QString key = m_metadata->index(source.row(), MetadataTableModel::KeyColumn).data().toString();
    const QString type = m_metadata->index(source.row(), MetadataTableModel::TypeColumn).data().toString();
    const QString text = m_metadata->index(source.row(), 0).data(MetadataTableModel::FullTextRole).toString();
    ValueDialog::open(this, key, tr("%1 · %2").arg(type, m_entry.fileName()), text);
}

void ModelDetailsPanel::showChatTemplate() {
    const int row = m_metadata->rowForKey(QStringLiteral("tokenizer.chat_template"));
    if (row < 0) {
        // Still reading the file: open the template as soon as it is there.
        if (m_loading)
            connect(this, &ModelDetailsPanel::loaded, this, &ModelDetailsPanel::showChatTemplate, Qt::SingleShotConnection);
        return;
    }
    const QModelIndex source = m_metadata->index(row, 0);
    ValueDialog::open(this, tr("Chat template"), m_entry.fileName(), source.data(MetadataTableModel::FullTextRole).toString());
}

}  // namespace qd::ui
