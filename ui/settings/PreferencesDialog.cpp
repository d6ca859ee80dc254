#include "settings/PreferencesDialog.h"

#include "common/DialogStyle.h"
#include "common/Icons.h"
#include "settings/Preferences.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tessera::ui {

PreferencesDialog::PreferencesDialog(QWidget* parent)
    : QDialog(parent),
      m_lockOnMinimiseCheck(new QCheckBox(tr("Lock the vault when the window is &minimised"), this)),
      m_clipboardSpin(new QSpinBox(this)), m_settingsPathLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));
    m_lockOnMinimiseCheck->setObjectName(QStringLiteral("lockOnMinimiseCheckBox"));
    m_clipboardSpin->setObjectName(QStringLiteral("clipboardClearSpinBox"));
    m_settingsPathLabel->setObjectName(QStringLiteral("settingsPathLabel"));

    m_clipboardSpin->setRange(0, Preferences::kMaxClipboardClearSeconds);
    m_clipboardSpin->setSuffix(tr(" s"));
    m_clipboardSpin->setSpecialValueText(tr("Never"));

    const Preferences preferences;
    m_lockOnMinimiseCheck->setChecked(preferences.lockOnMinimise());
    m_clipboardSpin->setValue(preferences.clipboardClearSeconds());
    m_settingsPathLabel->setText(QDir::toNativeSeparators(preferences.fileName()));
    m_settingsPathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    DialogStyle::makeHint(m_settingsPathLabel);

    auto* security = new QGroupBox(tr("Security"), this);
    auto* form = new QFormLayout(security);
    DialogStyle::configure(form);
    form->addRow(m_lockOnMinimiseCheck);
    auto* clipboardLabel = new QLabel(tr("&Clear copied secrets after:"), this);
    clipboardLabel->setBuddy(m_clipboardSpin);
    form->addRow(clipboardLabel, m_clipboardSpin);
    auto* idleHint = new QLabel(
        tr("Idle and session limits are stored in each vault; change them on the Vault page."), this);
    DialogStyle::makeHint(idleHint);
    form->addRow(idleHint);

    auto* storage = new QGroupBox(tr("Stored in"), this);
    auto* storageLayout = new QVBoxLayout(storage);
    storageLayout->addWidget(m_settingsPathLabel);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);

    auto* layout = new QVBoxLayout(this);
    DialogStyle::configure(layout);
    layout->addWidget(security);
    layout->addWidget(storage);
    layout->addStretch();
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

void PreferencesDialog::accept()
{
    Preferences preferences;
    preferences.setLockOnMinimise(m_lockOnMinimiseCheck->isChecked());
    preferences.setClipboardClearSeconds(m_clipboardSpin->value());
    preferences.sync();
    QDialog::accept();
}

} // namespace tessera::ui
