// The jobs panel: every job of the JobRunner with its state, a progress bar, what it works on now,
// elapsed time and time left; below, the selected job's message in plain words, its log (with the
// full error detail) behind "Details", and Cancel / Copy log / Clear finished.
//
// MainWindow opens it from the status bar's jobs button; it is a tool window, so it stays open beside
// the main window while the jobs run.
#pragma once

#include <QStyledItemDelegate>
#include <QToolButton>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace qd::ui {

class JobRunner;

// Draws the progress column as a bar.
class ProgressBarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

class JobsPanel : public QWidget {
    Q_OBJECT
public:
    explicit JobsPanel(JobRunner& runner, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* copyButton() const { return m_copy; }
    QPushButton* detailsButton() const { return m_details; }
    QLabel* messageLabel() const { return m_message; }
    QSpinBox* concurrencySpin() const { return m_concurrency; }
    QPlainTextEdit* logView() const { return m_log; }
    // The job whose message and log are shown (0: none).
    int currentJob() const { return m_current; }
    void selectJob(int id);

private:
    void refreshSelection();
    void onJobChanged(int id);

    JobRunner& m_runner;
    QTableView* m_table = nullptr;
    QLabel* m_message = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_cancelAll = nullptr;
    QPushButton* m_copy = nullptr;
    QPushButton* m_details = nullptr;
    QPushButton* m_clear = nullptr;
    QSpinBox* m_concurrency = nullptr;
    int m_current = 0;
    int m_logLines = -1;
};

// The status bar's button: "2 jobs" with a spinner-free count, a red mark after a failure; opens the panel.
class JobsButton : public QToolButton {
    Q_OBJECT
public:
    JobsButton(JobRunner& runner, QWidget* window, QWidget* parent = nullptr);
    JobsPanel* panel() const { return m_panel; }
    void showPanel();

private:
    void refresh();

    JobRunner& m_runner;
    JobsPanel* m_panel = nullptr;
    bool m_unseenFailure = false;
};

}  // namespace qd::ui
