// Shows one long value (a chat template, a vocabulary) in full, read-only, with a Copy button.
#pragma once

#include <QDialog>

class QPlainTextEdit;

namespace qd::ui {

class ValueDialog : public QDialog {
    Q_OBJECT
public:
    ValueDialog(const QString& title, const QString& subtitle, const QString& text, QWidget* parent = nullptr);

    QString text() const;
    // Opens a dialog that deletes itself when closed.
    static ValueDialog* open(QWidget* parent, const QString& title, const QString& subtitle, const QString& text);

private:
    QPlainTextEdit* m_edit = nullptr;
};

}  // namespace qd::ui
