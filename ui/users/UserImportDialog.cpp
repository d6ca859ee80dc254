#include "users/UserImportDialog.h"

#include "app/VaultController.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "identity/ImportBatch.h"
#include "identity/UserFileFormat.h"
#include "identity/UserImporter.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tessera::ui {

namespace {

struct PreviewOutcome
{
    ImportPreview preview;
    QString error;
};

} // namespace

UserImportDialog::UserImportDialog(VaultController& controller, QString path, QWidget* parent)
    : QDialog(parent), m_controller(controller), m_path(std::move(path)), m_batch(std::make_shared<ImportBatch>()),
      m_cancel(std::make_shared<std::atomic<bool>>(false)), m_summary(new QLabel(this)), m_warning(new QLabel(this)),
      m_problems(new QTableWidget(0, 3, this)), m_progress(new QProgressBar(this)), m_importButton(nullptr),
      m_closeButton(nullptr)
{
    setObjectName(QStringLiteral("userImportDialog"));
    setWindowTitle(tr("Import Users — %1").arg(QFileInfo(m_path).fileName()));
    resize(680, 420);
    m_summary->setObjectName(QStringLiteral("importSummaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Reading %1 and checking every row against the vault…").arg(QFileInfo(m_path).fileName()));
    m_warning->setObjectName(QStringLiteral("importWarningLabel"));
    m_warning->setWordWrap(true);
    m_warning->hide();
    m_problems->setObjectName(QStringLiteral("importProblemsTable"));
    m_problems->setHorizontalHeaderLabels({tr("Line"), tr("Field"), tr("Problem")});
    m_problems->horizontalHeader()->setStretchLastSection(true);
    m_problems->verticalHeader()->hide();
    m_problems->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problems->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_problems->hide();
    m_progress->setObjectName(QStringLiteral("importProgressBar"));
    m_progress->hide();
    auto* buttons = new QDialogButtonBox(this);
    m_importButton = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setObjectName(QStringLiteral("importButton"));
    m_importButton->setEnabled(false);
    m_closeButton = buttons->addButton(QDialogButtonBox::Cancel);
    m_closeButton->setObjectName(QStringLiteral("importCancelButton"));
    auto* layout = new QVBoxLayout(this);
    DialogStyle::configure(layout);
    layout->addWidget(m_summary);
    layout->addWidget(m_warning);
    layout->addWidget(m_problems, 1);
    layout->addWidget(m_progress);
    layout->addStretch();
    layout->addWidget(buttons);
    connect(m_importButton, &QPushButton::clicked, this, &UserImportDialog::startImport);
    connect(m_closeButton, &QPushButton::clicked, this, [this] {
        if (m_running) {
            cancelImport();
        } else {
            reject();
        }
    });
    connect(&m_controller, &VaultController::locked, this, [this] {
        m_cancel->store(true);
        reject();
    });

    const QString file = m_path;
    auto batch = m_batch;
    m_controller.runDirectory(
        this,
        [file, batch](Directory& d) -> Result<ImportPreview> {
            TESSERA_TRY_ASSIGN(read, UserFileFormat::readFile(file));
            *batch = std::move(read);
            return UserImporter(d).preview(*batch);
        },
        [this](Result<ImportPreview> preview) {
            if (!preview) {
                m_summary->setText(ErrorText::forUser(preview.error()));
                Q_EMIT previewed(false);
                return;
            }
            m_summary->setText(preview->canImport()
                                   ? tr("Ready to import %1.").arg(preview->summary())
                                   : tr("Nothing can be imported until every problem below is fixed in the file "
                                        "(%1).")
                                         .arg(preview->summary()));
            if (preview->plaintextPasswords > 0) {
                m_warning->setText(tr("⚠ The file holds %1 plaintext password(s). They will be hashed now and "
                                      "those users must change their password at the next sign-in. Destroy the "
                                      "file afterwards.")
                                       .arg(preview->plaintextPasswords));
                m_warning->show();
            }
            m_problems->setRowCount(int(preview->problems.size()));
            for (int row = 0; row < preview->problems.size(); ++row) {
                const ImportProblem& problem = preview->problems[row];
                m_problems->setItem(row, 0, new QTableWidgetItem(QString::number(problem.line)));
                m_problems->setItem(row, 1, new QTableWidgetItem(problem.field));
                m_problems->setItem(row, 2, new QTableWidgetItem(problem.message));
            }
            m_problems->resizeColumnToContents(0);
            m_problems->resizeColumnToContents(1);
            m_problems->setVisible(!preview->problems.isEmpty());
            m_importButton->setEnabled(preview->canImport() && preview->users > 0);
            Q_EMIT previewed(preview->canImport());
        });
}

UserImportDialog::~UserImportDialog()
{
    // A running import stops at its next progress report; the batch's secrets are wiped by the importer.
    m_cancel->store(true);
}

void UserImportDialog::startImport()
{
    m_running = true;
    m_importButton->setEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_summary->setText(tr("Importing… hashing passwords on every core."));
    const QString source = QFileInfo(m_path).fileName();
    auto batch = m_batch;
    auto cancel = m_cancel;
    QPointer<QProgressBar> bar(m_progress);
    m_controller.runDirectory(
        this,
        [batch, cancel, source, bar](Directory& d) -> Result<ImportSummary> {
            ImportOptions options;
            options.sourceName = source;
            return UserImporter(d).run(*batch, options, [cancel, bar](qint64 done, qint64 total) {
                QMetaObject::invokeMethod(
                    bar.data(),
                    [bar, done, total] {
                        if (bar) {
                            bar->setRange(0, int(total));
                            bar->setValue(int(done));
                        }
                    },
                    Qt::QueuedConnection);
                return !cancel->load();
            });
        },
        [this](Result<ImportSummary> summary) {
            m_running = false;
            m_progress->hide();
            if (!summary) {
                m_summary->setText(ErrorText::forUser(summary.error()));
                m_closeButton->setText(tr("Close"));
                Q_EMIT finished(false);
                return;
            }
            m_controller.notifyIdentityChanged();
            m_summary->setText(tr("Imported %1 user(s)%2.")
                                   .arg(summary->usersAdded)
                                   .arg(summary->rolesAdded.isEmpty()
                                            ? QString()
                                            : tr(" and role(s) %1").arg(summary->rolesAdded.join(QStringLiteral(", ")))));
            m_closeButton->setText(tr("Close"));
            Q_EMIT finished(true);
        });
}

void UserImportDialog::cancelImport()
{
    m_cancel->store(true);
    m_summary->setText(tr("Cancelling… nothing will be written."));
}

} // namespace tessera::ui
