#pragma once

#include <QDateTime>
#include <QDialog>
#include <QStringList>
#include <memory>

class QLabel;
class QPrinter;
class QPushButton;

namespace tessera::ui {

class ClipboardHelper;

// Shows a freshly generated set of backup codes, the only time they can be seen (the vault keeps only
// their hashes): in two monospace columns, with Copy (the self-clearing clipboard), Save as Text (a
// 0600 file, written with FileSystem::writePrivately) and Print. The codes are wiped on close.
class BackupCodesDialog : public QDialog
{
    Q_OBJECT

public:
    BackupCodesDialog(const QString& username, QStringList codes, const QString& vaultName = {},
                      QWidget* parent = nullptr);
    ~BackupCodesDialog() override;

    const QStringList& codesForTesting() const { return m_codes; }

    // The codes as a text file or a copy holds them: a heading naming the account, then one per line.
    QString plainText() const;
    // Writes plainText() to `path`, readable by the owner only; false (and the reason shown) on failure.
    bool saveTo(const QString& path);
    // Lays the codes out on `printer`'s pages; the Print… button calls it after the print dialog.
    void printTo(QPrinter& printer) const;

    void done(int result) override; // wipes the codes

Q_SIGNALS:
    void saved(const QString& path);

private:
    void copy();
    void saveAs();
    void print();
    void showNote(const QString& text, bool error = false);
    void wipe();

    QString m_username;
    QString m_vaultName;
    QStringList m_codes;
    QDateTime m_generated;
    ClipboardHelper* m_clipboard;
    std::unique_ptr<QPrinter> m_printer;
    QList<QLabel*> m_codeLabels;
    QLabel* m_noteLabel = nullptr;
    bool m_wiped = false;
};

} // namespace tessera::ui
