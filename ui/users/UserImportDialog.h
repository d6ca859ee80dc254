#pragma once

#include <QDialog>

#include <atomic>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace tessera {
struct ImportBatch;
}

namespace tessera::ui {

class VaultController;

// Import of users, roles and assignments from a CSV or JSON file: the file is read and previewed
// against the vault first (every bad row listed with its line number), then imported all-or-nothing
// with a progress bar and Cancel while plaintext passwords are hashed on all cores.
class UserImportDialog : public QDialog
{
    Q_OBJECT

public:
    UserImportDialog(VaultController& controller, QString path, QWidget* parent = nullptr);
    ~UserImportDialog() override;

Q_SIGNALS:
    void previewed(bool canImport);
    void finished(bool imported);

private:
    void startImport();
    void cancelImport();

    VaultController& m_controller;
    QString m_path;
    std::shared_ptr<ImportBatch> m_batch; // touched only by worker jobs, one at a time
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QLabel* m_summary;
    QLabel* m_warning;
    QTableWidget* m_problems;
    QProgressBar* m_progress;
    QPushButton* m_importButton;
    QPushButton* m_closeButton;
    bool m_running = false;
};

} // namespace tessera::ui
