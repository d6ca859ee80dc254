#include "mfa/BackupCodesDialog.h"

#include "common/ClipboardHelper.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/FileDialogs.h"
#include "common/Icons.h"
#include "crypto/SecretBuffer.h"
#include "platform/FileSystem.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QTextDocument>
#include <QVBoxLayout>

namespace tessera::ui {

namespace {

QString timestamp(const QDateTime& when)
{
    return when.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// A name for the saved file that says what it holds, without characters file systems dislike.
QString proposedFileName(const QString& username)
{
    QString safe = username;
    for (QChar& c : safe) {
        if (!c.isLetterOrNumber() && c != u'.' && c != u'-' && c != u'_') {
            c = u'_';
        }
    }
    return QStringLiteral("tessera-backup-codes-%1.txt").arg(safe);
}

} // namespace

BackupCodesDialog::BackupCodesDialog(const QString& username, QStringList codes, const QString& vaultName,
                                     QWidget* parent)
    : QDialog(parent), m_username(username), m_vaultName(vaultName), m_codes(std::move(codes)),
      m_generated(QDateTime::currentDateTime()), m_clipboard(new ClipboardHelper(this))
{
    setObjectName(QStringLiteral("backupCodesDialog"));
    setWindowTitle(tr("Backup Codes — %1").arg(username));

    // "Shown once" first and hard to miss: after this dialog nobody can read these codes again.
    auto* once = new QFrame(this);
    once->setObjectName(QStringLiteral("shownOnceFrame"));
    const QColor warning = DialogStyle::warningColor(palette());
    once->setStyleSheet(QStringLiteral("QFrame#shownOnceFrame { border: 1px solid rgba(%1, %2, %3, 140); "
                                       "border-radius: 6px; background: rgba(%1, %2, %3, 26); }")
                            .arg(warning.red())
                            .arg(warning.green())
                            .arg(warning.blue()));
    auto* onceIcon = new QLabel(once);
    onceIcon->setPixmap(Icons::get(QStringLiteral("warning"), warning).pixmap(20, 20));
    onceIcon->setAlignment(Qt::AlignTop);
    auto* onceText = new QLabel(
        tr("<b>Shown once.</b> These codes cannot be displayed again: copy, save or print them now and keep "
           "them somewhere safe, away from the phone."),
        once);
    onceText->setObjectName(QStringLiteral("shownOnceLabel"));
    onceText->setWordWrap(true);
    auto* onceLayout = new QHBoxLayout(once);
    onceLayout->setContentsMargins(12, 8, 12, 8);
    onceLayout->setSpacing(10);
    onceLayout->addWidget(onceIcon);
    onceLayout->addWidget(onceText, 1);

    // The codes, numbered, down the first column and then the second.
    auto* box = new QFrame(this);
    box->setObjectName(QStringLiteral("backupCodesFrame"));
    box->setFrameShape(QFrame::StyledPanel);
    box->setBackgroundRole(QPalette::Base);
    box->setAutoFillBackground(true);
    auto* grid = new QGridLayout(box);
    grid->setContentsMargins(24, 14, 24, 14);
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(6);
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    fixed.setPointSizeF(std::max(fixed.pointSizeF(), font().pointSizeF()) * 1.15);
    const auto rows = static_cast<int>((m_codes.size() + 1) / 2);
    for (qsizetype i = 0; i < m_codes.size(); ++i) {
        const int row = static_cast<int>(i) % std::max(rows, 1);
        const int column = static_cast<int>(i) / std::max(rows, 1);
        auto* number = new QLabel(QStringLiteral("%1.").arg(i + 1), box);
        number->setFont(fixed);
        number->setForegroundRole(QPalette::PlaceholderText);
        number->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto* code = new QLabel(m_codes.at(i), box);
        code->setObjectName(QStringLiteral("backupCodeLabel_%1").arg(i + 1));
        code->setFont(fixed);
        code->setTextFormat(Qt::PlainText);
        code->setForegroundRole(QPalette::Text);
        // Grid columns: margin, number, code, gutter, number, code, margin; the margins centre the rest.
        grid->addWidget(number, row, 1 + column * 3);
        grid->addWidget(code, row, 2 + column * 3);
        m_codeLabels.append(code);
    }
    grid->setColumnMinimumWidth(3, 48);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(6, 1);

    m_noteLabel = new QLabel(this);
    m_noteLabel->setObjectName(QStringLiteral("backupCodesNoteLabel"));
    m_noteLabel->setWordWrap(true);
    m_noteLabel->hide();

    auto* copyButton = new QPushButton(Icons::get(QStringLiteral("copy")), tr("&Copy"), this);
    auto* saveButton = new QPushButton(Icons::get(QStringLiteral("export")), tr("&Save as Text…"), this);
    auto* printButton = new QPushButton(Icons::get(QStringLiteral("print")), tr("&Print…"), this);
    copyButton->setObjectName(QStringLiteral("copyBackupCodesButton"));
    saveButton->setObjectName(QStringLiteral("saveBackupCodesButton"));
    printButton->setObjectName(QStringLiteral("printBackupCodesButton"));
    copyButton->setToolTip(tr("Copy the codes; the clipboard is cleared again after a few seconds"));
    saveButton->setToolTip(tr("Save the codes to a text file only you can read"));
    for (QPushButton* button : {copyButton, saveButton, printButton}) {
        button->setAutoDefault(false);
    }
    auto* buttons = new QDialogButtonBox(this);
    QPushButton* doneButton = buttons->addButton(tr("&Done"), QDialogButtonBox::AcceptRole);
    doneButton->setObjectName(QStringLiteral("backupCodesDoneButton"));
    auto* buttonRow = new QHBoxLayout;
    buttonRow->setSpacing(8);
    buttonRow->addWidget(copyButton);
    buttonRow->addWidget(saveButton);
    buttonRow->addWidget(printButton);
    buttonRow->addStretch(1);
    buttonRow->addWidget(buttons);

    auto* layout = new QVBoxLayout(this);
    DialogStyle::configure(layout);
    layout->addWidget(DialogStyle::header(
        Icons::get(QStringLiteral("key")), tr("Backup codes for %1").arg(username),
        tr("Each code signs %1 in once, in place of a code from the authenticator app, e.g. after losing "
           "the phone. Generating new codes makes these stop working.")
            .arg(username),
        this));
    layout->addWidget(once);
    layout->addWidget(box);
    layout->addWidget(m_noteLabel);
    layout->addStretch(1);
    layout->addLayout(buttonRow);
    setMinimumWidth(580);

    connect(copyButton, &QPushButton::clicked, this, &BackupCodesDialog::copy);
    connect(saveButton, &QPushButton::clicked, this, &BackupCodesDialog::saveAs);
    connect(printButton, &QPushButton::clicked, this, &BackupCodesDialog::print);
    connect(buttons, &QDialogButtonBox::accepted, this, &BackupCodesDialog::accept);
    connect(m_clipboard, &ClipboardHelper::cleared, this,
            [this] { showNote(tr("The clipboard was cleared.")); });
    doneButton->setFocus();
}

BackupCodesDialog::~BackupCodesDialog()
{
    wipe();
}

QString BackupCodesDialog::plainText() const
{
    QStringList lines;
    lines.append(tr("Tessera backup codes"));
    lines.append(tr("Account: %1").arg(m_username));
    if (!m_vaultName.isEmpty()) {
        lines.append(tr("Vault: %1").arg(m_vaultName));
    }
    lines.append(tr("Generated: %1").arg(timestamp(m_generated)));
    lines.append(QString());
    lines.append(tr("Each code signs in once, in place of a code from the authenticator app."));
    lines.append(tr("Generating new codes makes these stop working."));
    lines.append(QString());
    const int width = static_cast<int>(QString::number(m_codes.size()).size());
    for (qsizetype i = 0; i < m_codes.size(); ++i) {
        lines.append(QStringLiteral("%1. %2").arg(i + 1, width).arg(m_codes.at(i)));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void BackupCodesDialog::copy()
{
    QString text = plainText();
    m_clipboard->copySecret(text);
    wipeString(text);
    showNote(m_clipboard->clearSeconds() > 0
                 ? tr("Copied. The clipboard is cleared in %1 s.").arg(m_clipboard->clearSeconds())
                 : tr("Copied."));
}

void BackupCodesDialog::saveAs()
{
    const QString path = FileDialogs::getSaveFileName(this, tr("Save Backup Codes"),
                                                      QDir::home().filePath(proposedFileName(m_username)),
                                                      tr("Text files (*.txt);;All files (*)"));
    if (!path.isEmpty()) {
        saveTo(path);
    }
}

bool BackupCodesDialog::saveTo(const QString& path)
{
    QString text = plainText();
    QByteArray bytes = text.toUtf8();
    wipeString(text);
    const Status written = FileSystem::writePrivately(path, bytes);
    wipeBytes(bytes);
    if (!written) {
        showNote(tr("Could not save the codes: %1").arg(ErrorText::forUser(written.error())), true);
        return false;
    }
    showNote(tr("Saved to %1 (readable only by you).").arg(QDir::toNativeSeparators(path)));
    Q_EMIT saved(path);
    return true;
}

void BackupCodesDialog::printTo(QPrinter& printer) const
{
    QString rows;
    for (qsizetype i = 0; i < m_codes.size(); ++i) {
        rows += QStringLiteral(
                    "<tr><td align=\"right\" style=\"color:#555\">%1.</td>"
                    "<td style=\"font-family:monospace; font-size:14pt; padding-left:8px\">%2</td></tr>")
                    .arg(i + 1)
                    .arg(m_codes.at(i).toHtmlEscaped());
    }
    QString vault;
    if (!m_vaultName.isEmpty()) {
        vault = QStringLiteral("<br>") + tr("Vault: %1").arg(m_vaultName.toHtmlEscaped());
    }
    QString html = QStringLiteral("<h2>%1</h2><p>%2%3<br>%4</p><p>%5</p><table cellspacing=\"6\">%6</table>")
                       .arg(tr("Tessera backup codes"), tr("Account: %1").arg(m_username.toHtmlEscaped()),
                            vault, tr("Generated: %1").arg(timestamp(m_generated)),
                            tr("Each code signs in once, in place of a code from the authenticator app. "
                               "Generating new codes makes these stop working."),
                            rows);
    QTextDocument document;
    document.setHtml(html);
    document.print(&printer);
    wipeString(html);
    wipeString(rows);
}

void BackupCodesDialog::print()
{
    if (!m_printer) {
        m_printer = std::make_unique<QPrinter>(QPrinter::HighResolution);
        m_printer->setDocName(tr("Backup codes — %1").arg(m_username));
    }
    auto* dialog = new QPrintDialog(m_printer.get(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Print Backup Codes"));
    connect(dialog, &QDialog::accepted, this, [this] {
        if (m_wiped) {
            return;
        }
        printTo(*m_printer);
        showNote(tr("Sent to the printer."));
    });
    dialog->open();
}

void BackupCodesDialog::showNote(const QString& text, bool error)
{
    m_noteLabel->setText(text);
    m_noteLabel->setStyleSheet(
        error ? QStringLiteral("color: %1;").arg(DialogStyle::failureColor(palette()).name()) : QString());
    if (!error) {
        m_noteLabel->setForegroundRole(QPalette::PlaceholderText);
    }
    m_noteLabel->show();
}

void BackupCodesDialog::done(int result)
{
    wipe();
    QDialog::done(result);
}

void BackupCodesDialog::wipe()
{
    if (m_wiped) {
        return;
    }
    m_wiped = true;
    for (QLabel* label : std::as_const(m_codeLabels)) {
        label->clear(); // drop the labels' references first, so the wipe below is of the only copy
    }
    for (QString& code : m_codes) {
        wipeString(code);
    }
    m_codes.clear();
    m_clipboard->clearNow();
}

} // namespace tessera::ui
