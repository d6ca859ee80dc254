#include "mfa/MfaPolicyDialog.h"

#include "app/VaultController.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/Icons.h"
#include "mfa/MfaService.h"
#include "mfa/MfaText.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tessera::ui {

struct MfaPolicyDialog::Snapshot
{
    MfaPolicy policy;
    QStringList permissions; // the vault's catalogue, sorted
};

MfaPolicyDialog::MfaPolicyDialog(VaultController& controller, QWidget* parent)
    : QDialog(parent), m_controller(controller)
{
    setObjectName(QStringLiteral("mfaPolicyDialog"));
    setWindowTitle(tr("MFA Policy"));

    m_algorithmCombo = new QComboBox(this);
    m_digitsCombo = new QComboBox(this);
    m_periodCombo = new QComboBox(this);
    m_windowSpin = new QSpinBox(this);
    m_issuerEdit = new QLineEdit(this);
    m_issuerError = new QLabel(this);
    m_permissionList = new QListWidget(this);
    m_requiredSummary = new QLabel(this);
    m_status = new QLabel(this);
    m_algorithmCombo->setObjectName(QStringLiteral("mfaAlgorithmComboBox"));
    m_digitsCombo->setObjectName(QStringLiteral("mfaDigitsComboBox"));
    m_periodCombo->setObjectName(QStringLiteral("mfaPeriodComboBox"));
    m_windowSpin->setObjectName(QStringLiteral("mfaWindowSpinBox"));
    m_issuerEdit->setObjectName(QStringLiteral("mfaIssuerLineEdit"));
    m_issuerError->setObjectName(QStringLiteral("mfaIssuerErrorLabel"));
    m_permissionList->setObjectName(QStringLiteral("mfaRequiredForListWidget"));
    m_requiredSummary->setObjectName(QStringLiteral("mfaRequiredSummaryLabel"));
    m_status->setObjectName(QStringLiteral("mfaPolicyStatusLabel"));

    // Only values the core accepts are offered (OtpPolicy::validate).
    for (const OtpAlgorithm algorithm : {OtpAlgorithm::Sha1, OtpAlgorithm::Sha256, OtpAlgorithm::Sha512}) {
        m_algorithmCombo->addItem(otpAlgorithmName(algorithm), static_cast<int>(algorithm));
    }
    m_algorithmCombo->setItemText(0, tr("SHA1 (every app)"));
    m_digitsCombo->addItem(tr("6 digits (every app)"), 6);
    m_digitsCombo->addItem(tr("8 digits"), 8);
    m_periodCombo->addItem(tr("30 seconds (every app)"), 30);
    m_periodCombo->addItem(tr("60 seconds"), 60);
    m_windowSpin->setRange(0, OtpPolicy::kMaxWindow);
    m_windowSpin->setToolTip(
        tr("Codes this many steps before or after the current one are accepted too, for phones whose clock "
           "is a little off. Each step widens the chance of a guess."));
    m_issuerEdit->setMaxLength(MfaPolicy::kMaxIssuerLength);
    m_issuerEdit->setPlaceholderText(tr("e.g. Acme Corp"));
    m_issuerEdit->setToolTip(tr("The name authenticator apps show above the account"));
    DialogStyle::makeError(m_issuerError);
    auto* windowHint = new QLabel(this);
    DialogStyle::makeHint(windowHint);
    windowHint->setWordWrap(false);

    auto* form = new QFormLayout;
    DialogStyle::configure(form);
    form->addRow(tr("&Algorithm:"), m_algorithmCombo);
    form->addRow(tr("&Digits:"), m_digitsCombo);
    form->addRow(tr("&Period:"), m_periodCombo);
    auto* windowRow = new QHBoxLayout;
    windowRow->setSpacing(10);
    windowRow->addWidget(m_windowSpin);
    windowRow->addWidget(windowHint, 1);
    // A layout as the field gets no buddy from the form, so the label is made here.
    auto* windowLabel = new QLabel(tr("&Window:"), this);
    windowLabel->setBuddy(m_windowSpin);
    form->addRow(windowLabel, windowRow);
    form->addRow(tr("&Issuer:"), m_issuerEdit);
    form->addRow(QString(), m_issuerError);

    m_warning = new QWidget(this);
    m_warning->setObjectName(QStringLiteral("nonDefaultWarning"));
    auto* warningIcon = new QLabel(m_warning);
    warningIcon->setPixmap(
        Icons::get(QStringLiteral("warning"), DialogStyle::warningColor(palette())).pixmap(16, 16));
    warningIcon->setAlignment(Qt::AlignTop);
    auto* warningText = new QLabel(MfaText::appDefaultsWarning(), m_warning);
    warningText->setObjectName(QStringLiteral("nonDefaultWarningLabel"));
    warningText->setWordWrap(true);
    warningText->setStyleSheet(QStringLiteral("color: %1;").arg(DialogStyle::warningColor(palette()).name()));
    auto* warningRow = new QHBoxLayout(m_warning);
    warningRow->setContentsMargins(0, 0, 0, 0);
    warningRow->setSpacing(6);
    warningRow->addWidget(warningIcon);
    warningRow->addWidget(warningText, 1);
    m_warning->hide();

    auto* requiredTitle = new QLabel(tr("Require a second factor for holders of"), this);
    DialogStyle::makeHeading(requiredTitle, 1.05);
    auto* requiredHint = new QLabel(
        tr("A user who holds any ticked permission, through any role, must have an active authenticator: "
           "the Users page flags those who do not, and their sign-ins report it."),
        this);
    DialogStyle::makeHint(requiredHint);
    m_permissionList->setSelectionMode(QAbstractItemView::NoSelection);
    m_permissionList->setMinimumHeight(150);
    m_permissionList->setAlternatingRowColors(true);
    DialogStyle::makeHint(m_requiredSummary);

    DialogStyle::makeHint(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_saveButton = buttons->button(QDialogButtonBox::Save);
    m_saveButton->setObjectName(QStringLiteral("saveMfaPolicyButton"));

    auto* layout = new QVBoxLayout(this);
    DialogStyle::configure(layout);
    layout->addWidget(DialogStyle::header(
        Icons::get(QStringLiteral("shield")), tr("MFA policy"),
        tr("Authenticator settings for new enrolments in this vault (authenticators already set up keep "
           "theirs), and who must use one. Changes are recorded in the audit trail."),
        this));
    layout->addLayout(form);
    layout->addWidget(m_warning);
    layout->addSpacing(4);
    layout->addWidget(requiredTitle);
    layout->addWidget(requiredHint);
    layout->addWidget(m_permissionList, 1);
    layout->addWidget(m_requiredSummary);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    setMinimumWidth(600);

    auto changed = [this] {
        updateState();
    };
    connect(m_algorithmCombo, &QComboBox::currentIndexChanged, this, changed);
    connect(m_digitsCombo, &QComboBox::currentIndexChanged, this, changed);
    auto windowChanged = [this, windowHint] {
        const int steps = m_windowSpin->value();
        const int period = m_periodCombo->currentData().toInt();
        windowHint->setText(steps == 0 ? tr("only the current code")
                                       : tr("± %1 step%2: codes up to %3 s early or late")
                                             .arg(steps)
                                             .arg(steps == 1 ? QString() : QStringLiteral("s"))
                                             .arg(steps * period));
        updateState();
    };
    connect(m_windowSpin, &QSpinBox::valueChanged, this, windowChanged);
    connect(m_periodCombo, &QComboBox::currentIndexChanged, this, windowChanged); // the hint names seconds
    connect(m_issuerEdit, &QLineEdit::textChanged, this, changed);
    connect(m_permissionList, &QListWidget::itemChanged, this, changed);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_saveButton, &QPushButton::clicked, this, &MfaPolicyDialog::save);
    connect(&m_controller, &VaultController::locked, this, &QDialog::reject);

    for (QWidget* widget : std::initializer_list<QWidget*>{m_algorithmCombo, m_digitsCombo, m_periodCombo,
                                                           m_windowSpin, m_issuerEdit, m_permissionList}) {
        widget->setEnabled(false);
    }
    m_status->setText(tr("Reading the vault's MFA policy…"));
    m_controller.runDirectory(
        this,
        [](Directory& d) -> Result<Snapshot> {
            Snapshot snapshot;
            snapshot.policy = d.mfa().policy();
            for (const Permission& permission : d.permissions()) {
                snapshot.permissions.append(permission.toString());
            }
            snapshot.permissions.sort();
            return snapshot;
        },
        [this](Result<Snapshot> snapshot) {
            if (!snapshot) {
                m_status->setText(ErrorText::forUser(snapshot.error()));
                return;
            }
            apply(*snapshot);
        });
    windowChanged();
}

void MfaPolicyDialog::apply(const Snapshot& snapshot)
{
    m_stored = snapshot.policy;
    const OtpPolicy& totp = m_stored.totp;
    m_algorithmCombo->setCurrentIndex(m_algorithmCombo->findData(static_cast<int>(totp.algorithm)));
    m_digitsCombo->setCurrentIndex(std::max(0, m_digitsCombo->findData(totp.digits)));
    m_periodCombo->setCurrentIndex(std::max(0, m_periodCombo->findData(totp.period)));
    m_windowSpin->setValue(totp.window);
    m_issuerEdit->setText(m_stored.issuer);

    // The catalogue, plus any required permission it no longer lists (kept, so saving does not drop it
    // silently; untick it to remove it).
    QStringList names = snapshot.permissions;
    for (const QString& required : m_stored.requiredFor) {
        if (!names.contains(required)) {
            names.append(required);
        }
    }
    names.sort();
    m_permissionList->clear();
    for (const QString& name : std::as_const(names)) {
        auto* item = new QListWidgetItem(name, m_permissionList);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(m_stored.requiredFor.contains(name) ? Qt::Checked : Qt::Unchecked);
        item->setSizeHint(QSize(0, m_permissionList->fontMetrics().height() + 10));
        if (!snapshot.permissions.contains(name)) {
            item->setText(tr("%1 (no longer in the catalogue)").arg(name));
            item->setData(Qt::UserRole, name);
        }
    }
    for (QWidget* widget : std::initializer_list<QWidget*>{m_algorithmCombo, m_digitsCombo, m_periodCombo,
                                                           m_windowSpin, m_issuerEdit, m_permissionList}) {
        widget->setEnabled(true);
    }
    m_loaded = true;
    m_status->clear();
    m_status->hide();
    updateState();
    Q_EMIT loaded();
}

MfaPolicy MfaPolicyDialog::policy() const
{
    MfaPolicy policy = m_stored;
    policy.totp.algorithm = static_cast<OtpAlgorithm>(m_algorithmCombo->currentData().toInt());
    policy.totp.digits = m_digitsCombo->currentData().toInt();
    policy.totp.period = m_periodCombo->currentData().toInt();
    policy.totp.window = m_windowSpin->value();
    policy.issuer = m_issuerEdit->text().trimmed();
    policy.requiredFor.clear();
    for (int row = 0; row < m_permissionList->count(); ++row) {
        const QListWidgetItem* item = m_permissionList->item(row);
        if (item->checkState() == Qt::Checked) {
            const QVariant original = item->data(Qt::UserRole);
            policy.requiredFor.append(original.isValid() ? original.toString() : item->text());
        }
    }
    policy.requiredFor.sort();
    return policy;
}

void MfaPolicyDialog::updateState()
{
    if (!m_loaded) {
        m_saveButton->setEnabled(false);
        return;
    }
    const MfaPolicy current = policy();
    m_warning->setVisible(!current.totp.usesAppDefaults());
    const Status valid = current.validate();
    m_issuerError->setText(valid ? QString() : ErrorText::forUser(valid.error()));
    m_issuerError->setVisible(!valid);
    const auto ticked = current.requiredFor.size();
    m_requiredSummary->setText(ticked == 0   ? tr("Nothing ticked: a second factor is optional for everyone.")
                               : ticked == 1 ? tr("1 permission ticked.")
                                             : tr("%1 permissions ticked.").arg(ticked));
    m_saveButton->setEnabled(!m_busy && valid.has_value() && !(current == m_stored));
}

void MfaPolicyDialog::save()
{
    if (!m_saveButton->isEnabled()) {
        return;
    }
    const MfaPolicy policy = this->policy();
    m_busy = true;
    updateState();
    m_controller.runDirectory(
        this, [policy](Directory& d) -> Status { return d.mfa().setPolicy(policy); },
        [this, policy](Status ok) {
            m_busy = false;
            if (!ok) {
                m_status->setText(ErrorText::forUser(ok.error()));
                m_status->show();
                updateState();
                return;
            }
            m_stored = policy;
            // The audit trail shows the change. Who is required may have changed too, but no user did:
            // the Users page reloads only its MFA column, on saved(), not the whole table.
            m_controller.notifyVaultChanged();
            Q_EMIT saved();
            accept();
        });
}

} // namespace tessera::ui
