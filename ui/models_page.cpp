#include "ui/models_page.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileSystemWatcher>
#include <QDirIterator>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

#include "ui/format.h"
#include "ui/library.h"
#include "ui/model_details_panel.h"
#include "ui/model_filter_proxy.h"
#include "ui/model_list_model.h"
#include "ui/model_scanner.h"
#include "ui/settings.h"

namespace qd::ui {

namespace {

constexpr int kLocationRole = Qt::UserRole + 1;
constexpr int kStoreRole = Qt::UserRole + 2;  // the entry is a store found by QuantDesk, not one of the person's folders

QString modelsText(int n) { return n == 1 ? ModelsPage::tr("1 model") : ModelsPage::tr("%1 models").arg(n); }

QToolButton* toolButton(QWidget* parent, const QString& icon, const QString& text, const QString& tip) {
    auto* b = new QToolButton(parent);
    b->setIcon(QIcon(icon));
    b->setText(text);
    b->setToolTip(tip);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    b->setAutoRaise(true);
    b->setIconSize(QSize(18, 18));
    return b;
}

// Escape in the filter clears it and hands the keyboard back to the table.
class FilterEdit : public QLineEdit {
public:
    using QLineEdit::QLineEdit;
    QWidget* escapeTarget = nullptr;

protected:
    void keyPressEvent(QKeyEvent* event) override {
        if (event->key() == Qt::Key_Escape && !text().isEmpty()) {
            clear();
            return;
        }
        if ((event->key() == Qt::Key_Escape || event->key() == Qt::Key_Down) && escapeTarget) {
            escapeTarget->setFocus(Qt::ShortcutFocusReason);
            return;
        }
        QLineEdit::keyPressEvent(event);
    }
};

}  // namespace

ModelsPage::ModelsPage(Settings& settings, Library& library, QWidget* parent)
    : QWidget(parent), m_settings(settings), m_library(library) {
    m_model = library.model();
    m_proxy = new ModelFilterProxy(this);
    m_proxy->setSourceModel(m_model);

    m_stack = new QStackedWidget(this);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);
    m_stack->addWidget(buildEmptyState());

    auto* content = new QWidget(m_stack);
    auto* v = new QVBoxLayout(content);
    v->setContentsMargins(8, 6, 8, 0);
    v->setSpacing(6);
    v->addWidget(buildToolbar());

    buildTable();
    m_details = new ModelDetailsPanel(content);
    m_details->setPhysicalMemory(m_model->physicalMemory());
    m_tableSplitter = new QSplitter(Qt::Vertical, content);
    m_tableSplitter->setObjectName(QStringLiteral("tableSplitter"));
    m_tableSplitter->setChildrenCollapsible(false);
    m_tableSplitter->addWidget(m_table);
    m_tableSplitter->addWidget(m_details);
    m_tableSplitter->setStretchFactor(0, 1);
    m_tableSplitter->setStretchFactor(1, 1);
    m_tableSplitter->setSizes({330, 370});

    v->addWidget(m_tableSplitter, 1);
    m_stack->addWidget(content);

    m_tableSplitter->restoreState(m_settings.bytes(Settings::Key::ModelsTableSplitter));
    m_details->splitter()->restoreState(m_settings.bytes(Settings::Key::ModelsDetailsSplitter));
    m_table->horizontalHeader()->restoreState(m_settings.bytes(Settings::Key::ModelsHeader));

    connect(&library, &Library::scanStarted, this, &ModelsPage::scanStarted);
    connect(&library, &Library::scanProgress, this, &ModelsPage::scanProgress);
    connect(&library, &Library::entriesArrived, this, &ModelsPage::onEntries);
    connect(&library, &Library::scanFinished, this, &ModelsPage::onScanFinished);
    connect(&library, &Library::locationsChanged, this, [this](const QStringList& locations) {
        refreshLibraryList();
        updateEmptyState();
        emit locationsChanged(locations);
    });
    connect(&library, &Library::storesChanged, this, [this] {
        refreshLibraryList();
        updateEmptyState();
        if (!m_table->selectionModel()->currentIndex().isValid()) m_details->clear();
    });
    connect(m_model, &ModelListModel::fileTypesChanged, this, &ModelsPage::refreshTypeCombo);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ModelsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ModelsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ModelsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ModelsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& tl, const QModelIndex& br) {
        const QModelIndex current = m_table->selectionModel()->currentIndex();
        if (current.isValid() && current.row() >= tl.row() && current.row() <= br.row()) onCurrentRowChanged();
    });

    refreshLibraryList();
    refreshTypeCombo();
    updateEmptyState();
    updateCount();
}

ModelsPage::~ModelsPage() = default;

QStringList ModelsPage::locations() const { return m_library.locations(); }

QWidget* ModelsPage::buildEmptyState() {
    auto* page = new QWidget(m_stack);
    page->setObjectName(QStringLiteral("emptyState"));
    auto* v = new QVBoxLayout(page);
    v->addStretch(2);

    auto* icon = new QLabel(page);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/quantdesk.svg")).pixmap(96, 96));
    icon->setAlignment(Qt::AlignCenter);
    v->addWidget(icon);

    auto* title = new QLabel(tr("Your model library is empty"), page);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    title->setFont(f);
    title->setAlignment(Qt::AlignCenter);
    v->addWidget(title);

    auto* text = new QLabel(tr("Add a folder that holds GGUF model files (*.gguf). QuantDesk searches its subfolders too,\n"
                               "lists every model with its size, quantization and memory needs, and remembers the folder."),
                            page);
    text->setAlignment(Qt::AlignCenter);
    text->setWordWrap(true);
    v->addWidget(text);
    v->addSpacing(12);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    auto* add = new QPushButton(QIcon(QStringLiteral(":/icons/folder-add.svg")), tr("Add folder…"), page);
    add->setObjectName(QStringLiteral("emptyAddFolderButton"));
    add->setDefault(true);
    add->setAutoDefault(true);
    add->setIconSize(QSize(20, 20));
    add->setMinimumHeight(36);
    connect(add, &QPushButton::clicked, this, &ModelsPage::chooseFolder);
    buttons->addWidget(add);
    auto* open = new QPushButton(QIcon(QStringLiteral(":/icons/file-open.svg")), tr("Open a single file…"), page);
    open->setObjectName(QStringLiteral("emptyOpenFileButton"));
    open->setIconSize(QSize(20, 20));
    open->setMinimumHeight(36);
    connect(open, &QPushButton::clicked, this, &ModelsPage::chooseFile);
    buttons->addWidget(open);
    buttons->addStretch(1);
    v->addLayout(buttons);
    v->addStretch(3);
    return page;
}

QWidget* ModelsPage::buildToolbar() {
    auto* bar = new QWidget(this);
    auto* h = new QHBoxLayout(bar);
    h->setContentsMargins(0, 0, 0, 0);
    h->setSpacing(4);

    auto* add = toolButton(bar, QStringLiteral(":/icons/folder-add.svg"), tr("Add folder…"),
                           tr("Add a folder with GGUF files to the library (Ctrl+Shift+O)"));
    add->setObjectName(QStringLiteral("addFolderButton"));
    add->setToolButtonStyle(Qt::ToolButtonIconOnly);  // in the File menu too, with shortcuts; the bar must fit 1280 px in every language
    connect(add, &QToolButton::clicked, this, &ModelsPage::chooseFolder);
    h->addWidget(add);
    auto* open = toolButton(bar, QStringLiteral(":/icons/file-open.svg"), tr("Open file…"),
                            tr("Add a single GGUF file to the library (Ctrl+O)"));
    open->setObjectName(QStringLiteral("openFileButton"));
    open->setToolButtonStyle(Qt::ToolButtonIconOnly);  // in the File menu too, with shortcuts; the bar must fit 1280 px in every language
    connect(open, &QToolButton::clicked, this, &ModelsPage::chooseFile);
    h->addWidget(open);
    auto* rescan = toolButton(bar, QStringLiteral(":/icons/refresh.svg"), tr("Rescan"),
                              tr("Look for new, changed and deleted files in the library (F5)"));
    rescan->setObjectName(QStringLiteral("rescanButton"));
    rescan->setToolButtonStyle(Qt::ToolButtonIconOnly);  // in the File menu too, with shortcuts; the bar must fit 1280 px in every language
    connect(rescan, &QToolButton::clicked, this, &ModelsPage::rescan);
    h->addWidget(rescan);
    h->addSpacing(12);
    auto* quantize = toolButton(bar, QStringLiteral(":/icons/quantize.svg"), tr("Quantize…"),
                                tr("Make smaller versions of the selected model: see each method's size, then run (Ctrl+K)"));
    quantize->setObjectName(QStringLiteral("quantizeButton"));
    connect(quantize, &QToolButton::clicked, this, [this] { emit quantizeRequested(selectedPath()); });
    h->addWidget(quantize);
    auto* evaluate = toolButton(bar, QStringLiteral(":/icons/compare.svg"), tr("Evaluate…"),
                                tr("Measure perplexity, KL divergence and speed of model files, for the Compare page"));
    evaluate->setObjectName(QStringLiteral("evaluateButton"));
    connect(evaluate, &QToolButton::clicked, this, [this] { emit evaluateRequested(selectedPath()); });
    h->addWidget(evaluate);
    h->addSpacing(12);
    h->addWidget(buildLocationChooser(bar));
    h->addStretch(1);

    auto* filter = new FilterEdit(bar);
    m_filter = filter;
    m_filter->setObjectName(QStringLiteral("modelFilter"));
    m_filter->setPlaceholderText(tr("Filter by name, file, architecture or type"));
    m_filter->setToolTip(tr("Every word must match (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(QIcon(QStringLiteral(":/icons/search.svg")), QLineEdit::LeadingPosition);
    m_filter->setMinimumWidth(200);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterText(text);
        updateCount();
    });
    h->addWidget(m_filter);

    m_typeCombo = new QComboBox(bar);
    m_typeCombo->setObjectName(QStringLiteral("typeFilter"));
    m_typeCombo->setToolTip(tr("Show one file type only"));
    m_typeCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_typeCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setTypeFilter(index < 0 ? QString() : m_typeCombo->itemData(index).toString());
        updateCount();
    });
    h->addWidget(m_typeCombo);

    m_count = new QLabel(bar);
    m_count->setObjectName(QStringLiteral("modelCount"));
    m_count->setMinimumWidth(110);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    h->addWidget(m_count);

    auto* findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(findAction, &QAction::triggered, this, &ModelsPage::focusFilter);
    addAction(findAction);
    return bar;
}

QWidget* ModelsPage::buildLocationChooser(QWidget* parent) {
    auto* box = new QWidget(parent);
    auto* h = new QHBoxLayout(box);
    h->setContentsMargins(0, 0, 0, 0);
    h->setSpacing(2);
    m_locationCombo = new QComboBox(box);
    m_locationCombo->setObjectName(QStringLiteral("locationFilter"));
    m_locationCombo->setToolTip(tr("Show the models of one library folder only"));
    m_locationCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_locationCombo->setMinimumContentsLength(12);
    m_locationCombo->setMaximumWidth(260);
    connect(m_locationCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QString location = index < 0 ? QString() : m_locationCombo->itemData(index, kLocationRole).toString();
        m_proxy->setLocationFilter(location);
        m_removeButton->setEnabled(!location.isEmpty() && !m_locationCombo->itemData(index, kStoreRole).toBool());
        updateCount();
    });
    h->addWidget(m_locationCombo);
    m_removeButton = new QToolButton(box);
    m_removeButton->setObjectName(QStringLiteral("removeLocationButton"));
    m_removeButton->setIcon(QIcon(QStringLiteral(":/icons/remove.svg")));
    m_removeButton->setAutoRaise(true);
    m_removeButton->setToolTip(tr("Remove the chosen folder from the library (its files stay on disk)"));
    m_removeButton->setEnabled(false);
    connect(m_removeButton, &QToolButton::clicked, this, [this] {
        const QString location = m_locationCombo->currentData(kLocationRole).toString();
        if (!location.isEmpty()) removeLocation(location);
    });
    h->addWidget(m_removeButton);
    return box;
}

void ModelsPage::buildTable() {
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("modelsTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setIconSize(QSize(16, 16));
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView* header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setStretchLastSection(true);
    header->setMinimumSectionSize(40);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // Fits 1280 x 800 without a horizontal scroll bar; the status column takes what is left.
    const int widths[ModelListModel::ColumnCount] = {160, 215, 90, 82, 76, 82, 76, 66, 56, 118, 120};
    // Translated headers may be longer than the English ones: never cut a header.
    for (int c = 0; c < ModelListModel::ColumnCount; ++c)
        m_table->setColumnWidth(c, std::max(widths[c], header->sectionSizeHint(c)));
    header->setSortIndicator(ModelListModel::NameColumn, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    m_table->setTextElideMode(Qt::ElideRight);  // an error message reads from its start; tooltips hold the rest

    m_tableMessage = new QLabel(m_table->viewport());
    m_tableMessage->setObjectName(QStringLiteral("tableMessage"));
    m_tableMessage->setAlignment(Qt::AlignCenter);
    m_tableMessage->setWordWrap(true);
    m_tableMessage->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_tableMessage->setEnabled(false);
    auto* overlay = new QVBoxLayout(m_table->viewport());
    overlay->addWidget(m_tableMessage, 0, Qt::AlignCenter);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ModelsPage::onCurrentRowChanged);
    connect(m_table, &QTableView::customContextMenuRequested, this, &ModelsPage::showContextMenu);
}

bool ModelsPage::isScanning() const { return m_library.isScanning(); }

QString ModelsPage::selectedPath() const {
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.data(ModelListModel::PathRole).toString() : QString();
}

void ModelsPage::setPhysicalMemory(quint64 bytes) {
    m_model->setPhysicalMemory(bytes);
    m_details->setPhysicalMemory(bytes);
}

void ModelsPage::saveState() {
    m_settings.setBytes(Settings::Key::ModelsTableSplitter, m_tableSplitter->saveState());
    m_settings.setBytes(Settings::Key::ModelsDetailsSplitter, m_details->splitter()->saveState());
    m_settings.setBytes(Settings::Key::ModelsHeader, m_table->horizontalHeader()->saveState());
}

bool ModelsPage::addPath(const QString& path) {
    const QFileInfo info(path);
    if (info.isDir()) {
        addFolder(path);
        return true;
    }
    if (info.isFile()) {
        openFile(path);
        return true;
    }
    return false;
}

void ModelsPage::addFolder(const QString& folder) {
    const QString location = m_library.addFolder(folder);
    if (!location.isEmpty()) showLocation(location);
}

void ModelsPage::openFile(const QString& file) {
    const QString path = m_library.addFile(file);
    if (path.isEmpty()) return;
    showLocation(QString());
    selectPath(path);
}

void ModelsPage::removeLocation(const QString& location) {
    if (!m_library.locations().contains(location)) return;
    m_library.removeLocation(location);
    if (m_proxy->locationFilter() == location) showLocation(QString());
    if (m_table->selectionModel()->currentIndex().isValid() == false) m_details->clear();
}

void ModelsPage::rescan() {
    if (m_library.isEmpty()) m_details->clear();
    m_library.rescan();
}

void ModelsPage::cancelScan() { m_library.cancelScan(); }

void ModelsPage::chooseFolder() {
    const QStringList locations = m_library.locations();
    const QString start = locations.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::HomeLocation)
                                              : QFileInfo(locations.last()).absolutePath();
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Add a folder with GGUF models"), start);
    if (!folder.isEmpty()) addFolder(folder);
}

void ModelsPage::chooseFile() {
    const QStringList locations = m_library.locations();
    const QString start = locations.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::HomeLocation)
                                              : QFileInfo(locations.last()).absolutePath();
    const QString file = QFileDialog::getOpenFileName(this, tr("Open a GGUF model"), start,
                                                      tr("GGUF models (*.gguf);;All files (*)"));
    if (!file.isEmpty()) openFile(file);
}

void ModelsPage::focusFilter() {
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void ModelsPage::showLocation(const QString& location) {
    for (int i = 0; i < m_locationCombo->count(); ++i) {
        if (m_locationCombo->itemData(i, kLocationRole).toString() == location) {
            m_locationCombo->setCurrentIndex(i);
            return;
        }
    }
}

void ModelsPage::selectPath(const QString& path) {
    const QString p = normalizeLocation(path);
    m_centerSelection = true;
    if (!trySelect(p)) m_pendingSelection = p;
}

bool ModelsPage::trySelect(const QString& path) {
    const int sourceRow = m_model->rowForPath(path);
    if (sourceRow < 0) return false;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid()) {
        // Hidden by a filter: clear the filters rather than select something invisible.
        m_filter->clear();
        m_typeCombo->setCurrentIndex(0);
        showLocation(QString());
        index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
        if (!index.isValid()) return false;
    }
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_pendingSelection.clear();
    return true;
}

void ModelsPage::refreshLibraryList() {
    const QString current = m_locationCombo->currentIndex() >= 0 ? m_locationCombo->currentData(kLocationRole).toString() : QString();
    QSignalBlocker block(m_locationCombo);
    m_locationCombo->clear();
    m_locationCombo->addItem(QIcon(QStringLiteral(":/icons/models.svg")), tr("All folders"));
    m_locationCombo->setItemData(0, QString(), kLocationRole);
    m_locationCombo->setItemData(0, tr("Every model in the library"), Qt::ToolTipRole);
    int currentIndex = 0;
    const QStringList locations = m_library.locations();
    for (const QString& location : locations) {
        const QFileInfo info(location);
        const bool isFile = info.isFile() || (!info.exists() && location.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive));
        const QString name = info.fileName().isEmpty() ? QDir::toNativeSeparators(location) : info.fileName();
        const int i = m_locationCombo->count();
        m_locationCombo->addItem(QIcon(isFile ? QStringLiteral(":/icons/model.svg") : QStringLiteral(":/icons/folder.svg")), name);
        m_locationCombo->setItemData(i, location, kLocationRole);
        QString tip = QDir::toNativeSeparators(location);
        if (!info.exists()) {
            tip += QLatin1Char('\n') + tr("Not found: the folder was moved, deleted or is on a drive that is not connected.");
            m_locationCombo->setItemData(i, QColor(0xc6, 0x28, 0x28), Qt::ForegroundRole);
        }
        m_locationCombo->setItemData(i, tip, Qt::ToolTipRole);
        if (location == current) currentIndex = i;
    }
    const QStringList scanned = m_library.scanLocations();
    for (const ModelStore& store : m_library.modelStores()) {
        const QString path = normalizeLocation(store.path);
        // scanLocations() holds the enabled stores that exist, unless a folder of the person's covers them.
        if (!scanned.contains(path) || locations.contains(path)) continue;
        const int i = m_locationCombo->count();
        m_locationCombo->addItem(QIcon(QStringLiteral(":/icons/folder.svg")), store.name);
        m_locationCombo->setItemData(i, path, kLocationRole);
        m_locationCombo->setItemData(i, true, kStoreRole);
        m_locationCombo->setItemData(i, tr("%1, found by QuantDesk (switch it off in File ▸ Model Stores)").arg(QDir::toNativeSeparators(path)),
                                     Qt::ToolTipRole);
        if (path == current) currentIndex = i;
    }
    m_locationCombo->setCurrentIndex(currentIndex);
    m_proxy->setLocationFilter(m_locationCombo->currentData(kLocationRole).toString());
    m_removeButton->setEnabled(currentIndex > 0 && !m_locationCombo->currentData(kStoreRole).toBool());
}

void ModelsPage::refreshTypeCombo() {
    const QString current = m_typeCombo->currentIndex() >= 0 ? m_typeCombo->currentData().toString() : QString();
    QSignalBlocker block(m_typeCombo);
    m_typeCombo->clear();
    m_typeCombo->addItem(tr("All types"), ModelFilterProxy::kAllTypes);
    for (const QString& type : m_model->fileTypes()) m_typeCombo->addItem(type, type);
    if (m_model->unreadableCount() > 0) m_typeCombo->addItem(tr("Unreadable files"), ModelFilterProxy::kUnreadable);
    const int index = m_typeCombo->findData(current);
    m_typeCombo->setCurrentIndex(index < 0 ? 0 : index);
    m_proxy->setTypeFilter(m_typeCombo->currentData().toString());
    updateCount();
}

void ModelsPage::updateCount() {
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    m_count->setText(shown == total ? modelsText(total) : tr("%1 of %2").arg(shown).arg(modelsText(total)));
    if (total == 0) {
        m_tableMessage->setText(m_library.isScanning() ? tr("Looking for GGUF files…")
                                                       : tr("No GGUF files found in the library folders.\n"
                                                            "Add another folder, or put .gguf files in one and rescan."));
    } else {
        m_tableMessage->setText(tr("No model matches the filter."));
    }
    m_tableMessage->setVisible(shown == 0);
}

void ModelsPage::updateEmptyState() { m_stack->setCurrentIndex(m_library.isEmpty() ? 0 : 1); }

void ModelsPage::onEntries() {
    if (!m_pendingSelection.isEmpty()) trySelect(m_pendingSelection);
}

void ModelsPage::onScanFinished(int models, int unreadable, bool cancelled) {
    if (!m_pendingSelection.isEmpty() && !trySelect(m_pendingSelection) && !cancelled) m_pendingSelection.clear();
    if (!m_table->selectionModel()->currentIndex().isValid() && m_proxy->rowCount() > 0) {
        const QModelIndex first = m_proxy->index(0, 0);
        m_table->selectionModel()->setCurrentIndex(first, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    // Rows streamed in above and below the selection; keep it in sight.
    // Once the view has laid out the rows that streamed in.
    const auto hint = m_centerSelection ? QAbstractItemView::PositionAtCenter : QAbstractItemView::EnsureVisible;
    QTimer::singleShot(0, this, [this, hint] {
        const QModelIndex current = m_table->selectionModel()->currentIndex();
        if (current.isValid()) m_table->scrollTo(current, hint);
    });
    if (!cancelled) m_centerSelection = false;
    updateCount();
    emit scanFinished(models, unreadable, cancelled);
}

void ModelsPage::onCurrentRowChanged() {
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        emit selectionChanged(QString());
        return;
    }
    const int sourceRow = m_proxy->mapToSource(current).row();
    const QString before = m_details->currentPath();
    m_details->showEntry(m_model->entry(sourceRow));
    if (before != m_details->currentPath()) emit selectionChanged(m_details->currentPath());
}

bool ModelsPage::moveToTrash(const QString& path, bool confirm) {
    if (confirm) {
        const auto answer = QMessageBox::question(
            this, tr("Move to trash?"),
            tr("Move %1 (%2) to the trash?").arg(QFileInfo(path).fileName(), formatSize(quint64(QFileInfo(path).size()))),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) return false;
    }
    if (!QFile::moveToTrash(path)) {
        QMessageBox::warning(this, tr("Not moved"),
                             tr("%1 could not be moved to the trash (no trash on this drive, or no permission).")
                                 .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    if (m_library.locations().contains(path)) removeLocation(path);
    else rescan();
    return true;
}

void ModelsPage::showContextMenu(const QPoint& pos) {
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid()) return;
    const QString path = index.data(ModelListModel::PathRole).toString();
    QMenu menu(this);
    QAction* quantize = menu.addAction(QIcon(QStringLiteral(":/icons/quantize.svg")), tr("Quantize…"), this,
                                       [this, path] { emit quantizeRequested(path); });
    quantize->setEnabled(index.data(ModelListModel::ReadableRole).toBool());
    menu.setDefaultAction(quantize);
    if (index.data(ModelListModel::KindRole).toInt() == int(ModelKind::Gguf)) {
        QAction* evaluate = menu.addAction(QIcon(QStringLiteral(":/icons/compare.svg")), tr("Evaluate…"), this,
                                           [this, path] { emit evaluateRequested(path); });
        evaluate->setEnabled(index.data(ModelListModel::ReadableRole).toBool());
    }
    if (m_chatAvailable && index.data(ModelListModel::KindRole).toInt() == int(ModelKind::Gguf)) {
        const int row = m_library.model()->rowForPath(path);
        const bool runs = row >= 0 && m_library.model()->entry(row).readable() && m_library.model()->entry(row).summary.unsupported.empty();
        QAction* chat = menu.addAction(QIcon(QStringLiteral(":/icons/chat.svg")), tr("Chat with this model"), this,
                                       [this, path] { emit chatRequested(path); });
        chat->setEnabled(runs);
    }
    if (index.data(ModelListModel::KindRole).toInt() == int(ModelKind::HuggingFace)) {
        QAction* import = menu.addAction(tr("Import to GGUF…"), this, [this, path] { emit importRequested(path); });
        import->setEnabled(index.data(ModelListModel::ImportableRole).toBool());
    }
    menu.addSeparator();
    menu.addAction(QIcon(QStringLiteral(":/icons/folder.svg")), tr("Show in file manager"), this, [path] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath()));
    });
    menu.addAction(tr("Copy path"), this, [path] { QApplication::clipboard()->setText(QDir::toNativeSeparators(path)); });
    if (m_library.locations().contains(path))
        menu.addAction(QIcon(QStringLiteral(":/icons/remove.svg")), tr("Remove from library"), this,
                       [this, path] { removeLocation(path); });
    menu.addSeparator();
    menu.addAction(tr("Move to trash…"), this, [this, path] { moveToTrash(path); });
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

}  // namespace qd::ui
