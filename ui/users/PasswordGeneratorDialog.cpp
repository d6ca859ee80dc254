#include "users/PasswordGeneratorDialog.h"

#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/Icons.h"
#include "password/WordList.h"

#include <QAction>
#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <utility>

namespace tessera::ui {

namespace {

bool sameOptions(const PasswordOptions& a, const PasswordOptions& b)
{
    return a.length == b.length && a.lowercase == b.lowercase && a.uppercase == b.uppercase &&
           a.digits == b.digits && a.symbols == b.symbols && a.excludeLookAlikes == b.excludeLookAlikes;
}

bool sameOptions(const PassphraseOptions& a, const PassphraseOptions& b)
{
    return a.words == b.words && a.separator == b.separator && a.capitalise == b.capitalise &&
           a.includeNumber == b.includeNumber;
}

QCheckBox* checkBox(const QString& text, const char* name, QWidget* parent)
{
    auto* box = new QCheckBox(text, parent);
    box->setObjectName(QString::fromLatin1(name));
    return box;
}

} // namespace

PasswordGeneratorDialog::PasswordGeneratorDialog(QWidget* parent)
    : QDialog(parent), m_preview(new QLineEdit(this)), m_regenerateButton(new QToolButton(this)),
      m_entropyLabel(new QLabel(this)), m_passwordModeRadio(new QRadioButton(tr("&Random characters"), this)),
      m_passphraseModeRadio(new QRadioButton(tr("&Passphrase of words"), this)),
      m_modeGroup(new QButtonGroup(this)), m_optionPages(new QStackedWidget(this)),
      m_lengthSlider(new QSlider(Qt::Horizontal, this)), m_lengthSpin(new QSpinBox(this)),
      m_lowercaseCheck(checkBox(tr("&Lower case (a–z)"), "lowercaseCheckBox", this)),
      m_uppercaseCheck(checkBox(tr("Upp&er case (A–Z)"), "uppercaseCheckBox", this)),
      m_digitsCheck(checkBox(tr("&Digits (0–9)"), "digitsCheckBox", this)),
      m_symbolsCheck(checkBox(tr("&Symbols (!#$%…)"), "symbolsCheckBox", this)),
      m_lookAlikesCheck(
          checkBox(tr("Avoid look-&alike characters (I l 1 O 0 o)"), "lookAlikesCheckBox", this)),
      m_wordsSpin(new QSpinBox(this)), m_separatorEdit(new QLineEdit(this)),
      m_capitaliseCheck(checkBox(tr("&Capitalise each word"), "capitaliseCheckBox", this)),
      m_numberCheck(checkBox(tr("Add a d&igit to one word"), "includeNumberCheckBox", this)),
      m_errorLabel(new QLabel(this)), m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)),
      m_useButton(m_buttons->addButton(tr("&Use This Password"), QDialogButtonBox::AcceptRole))
{
    setObjectName(QStringLiteral("passwordGeneratorDialog"));
    setWindowTitle(tr("Generate Password"));
    m_preview->setObjectName(QStringLiteral("previewLineEdit"));
    m_regenerateButton->setObjectName(QStringLiteral("regenerateButton"));
    m_entropyLabel->setObjectName(QStringLiteral("entropyLabel"));
    m_passwordModeRadio->setObjectName(QStringLiteral("passwordModeRadioButton"));
    m_passphraseModeRadio->setObjectName(QStringLiteral("passphraseModeRadioButton"));
    m_lengthSlider->setObjectName(QStringLiteral("lengthSlider"));
    m_lengthSpin->setObjectName(QStringLiteral("lengthSpinBox"));
    m_wordsSpin->setObjectName(QStringLiteral("wordsSpinBox"));
    m_separatorEdit->setObjectName(QStringLiteral("separatorLineEdit"));
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_useButton->setObjectName(QStringLiteral("useButton"));
    m_useButton->setIcon(Icons::get(QStringLiteral("check")));
    m_useButton->setDefault(true);

    // The preview: read-only, monospace so 1/l and O/0 can be told apart, a little larger than text.
    m_preview->setReadOnly(true);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setStyleHint(QFont::Monospace); // in case the platform has no fixed font to offer
    mono.setFixedPitch(true);
    mono.setPointSizeF(font().pointSizeF() * 1.2);
    m_preview->setFont(mono);
    m_preview->setMinimumHeight(m_preview->sizeHint().height() + 8);
    m_preview->setAccessibleName(tr("Generated password"));
    auto* regenerateAction = new QAction(Icons::get(QStringLiteral("refresh")), tr("Generate Another"), this);
    regenerateAction->setObjectName(QStringLiteral("regenerateAction"));
    regenerateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    regenerateAction->setToolTip(
        tr("Generate another (%1)").arg(regenerateAction->shortcut().toString(QKeySequence::NativeText)));
    addAction(regenerateAction);
    m_regenerateButton->setDefaultAction(regenerateAction);
    m_regenerateButton->setIconSize(QSize(20, 20));
    m_regenerateButton->setFixedSize(m_preview->minimumHeight(), m_preview->minimumHeight());
    DialogStyle::makeHint(m_entropyLabel);
    DialogStyle::makeError(m_errorLabel);

    m_modeGroup->addButton(m_passwordModeRadio);
    m_modeGroup->addButton(m_passphraseModeRadio);
    m_passwordModeRadio->setChecked(true);

    m_lengthSpin->setRange(kMinLength, kMaxLength);
    m_lengthSlider->setRange(kMinLength, kMaxLength);
    // Keyboard users have the spin box; the slider is for the mouse and would only add a tab stop.
    m_lengthSlider->setFocusPolicy(Qt::NoFocus);
    m_lengthSpin->setSuffix(tr(" characters"));
    m_wordsSpin->setRange(PassphraseOptions::kMinWords, PassphraseOptions::kMaxWords);
    m_wordsSpin->setSuffix(tr(" words"));
    m_wordsSpin->setMinimumWidth(m_lengthSpin->sizeHint().width());
    m_separatorEdit->setMaxLength(int(PassphraseOptions::kMaxSeparatorLength));
    m_separatorEdit->setMaximumWidth(m_separatorEdit->fontMetrics().horizontalAdvance(u'M') * 10);

    // Random characters page.
    auto* passwordPage = new QWidget(m_optionPages);
    auto* lengthRow = new QHBoxLayout;
    lengthRow->addWidget(m_lengthSlider, 1);
    lengthRow->addWidget(m_lengthSpin);
    auto* classes = new QGridLayout;
    classes->setHorizontalSpacing(16);
    classes->setVerticalSpacing(6);
    classes->addWidget(m_lowercaseCheck, 0, 0);
    classes->addWidget(m_uppercaseCheck, 0, 1);
    classes->addWidget(m_digitsCheck, 1, 0);
    classes->addWidget(m_symbolsCheck, 1, 1);
    classes->addWidget(m_lookAlikesCheck, 2, 0, 1, 2);
    auto* passwordForm = new QFormLayout(passwordPage);
    DialogStyle::configure(passwordForm);
    passwordForm->setContentsMargins(0, 0, 0, 0);
    auto* lengthLabel = new QLabel(tr("Le&ngth:"), passwordPage);
    lengthLabel->setBuddy(m_lengthSpin);
    passwordForm->addRow(lengthLabel, lengthRow);
    passwordForm->addRow(tr("Characters:"), classes);

    // Passphrase page.
    auto* passphrasePage = new QWidget(m_optionPages);
    auto* passphraseForm = new QFormLayout(passphrasePage);
    DialogStyle::configure(passphraseForm);
    passphraseForm->setContentsMargins(0, 0, 0, 0);
    auto* wordsLabel = new QLabel(tr("&Words:"), passphrasePage);
    wordsLabel->setBuddy(m_wordsSpin);
    auto* wordsRow = new QHBoxLayout;
    wordsRow->addWidget(m_wordsSpin);
    wordsRow->addStretch(1);
    passphraseForm->addRow(wordsLabel, wordsRow);
    auto* separatorLabel = new QLabel(tr("Separa&tor:"), passphrasePage);
    separatorLabel->setBuddy(m_separatorEdit);
    passphraseForm->addRow(separatorLabel, m_separatorEdit);
    auto* wordOptions = new QVBoxLayout;
    wordOptions->setSpacing(6);
    wordOptions->addWidget(m_capitaliseCheck);
    wordOptions->addWidget(m_numberCheck);
    passphraseForm->addRow(tr("Style:"), wordOptions);

    m_optionPages->addWidget(passwordPage);
    m_optionPages->addWidget(passphrasePage);

    auto* previewRow = new QHBoxLayout;
    previewRow->setSpacing(6);
    previewRow->addWidget(m_preview, 1);
    previewRow->addWidget(m_regenerateButton);
    auto* previewColumn = new QVBoxLayout;
    previewColumn->setSpacing(4);
    previewColumn->addLayout(previewRow);
    previewColumn->addWidget(m_entropyLabel);

    auto* modeRow = new QHBoxLayout;
    modeRow->setSpacing(16);
    modeRow->addWidget(m_passwordModeRadio);
    modeRow->addWidget(m_passphraseModeRadio);
    modeRow->addStretch(1);
    auto* form = new QFormLayout;
    DialogStyle::configure(form);
    form->addRow(tr("Kind:"), modeRow);
    DialogStyle::alignLabelColumns({form, passwordForm, passphraseForm});

    auto* header = DialogStyle::header(
        Icons::get(QStringLiteral("key")), tr("Generate a password"),
        tr("Made from this computer's secure random source. Nothing is stored or copied until you use it."),
        this);

    auto* layout = new QVBoxLayout(this);
    DialogStyle::configure(layout);
    layout->addWidget(header);
    layout->addLayout(previewColumn);
    layout->addLayout(form);
    layout->addWidget(m_optionPages);
    layout->addWidget(m_errorLabel);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(560);

    setPasswordOptions(PasswordOptions{});
    setPassphraseOptions(PassphraseOptions{});

    connect(regenerateAction, &QAction::triggered, this, &PasswordGeneratorDialog::regenerate);
    connect(m_modeGroup, &QButtonGroup::buttonToggled, this, [this](QAbstractButton*, bool checked) {
        if (checked) {
            m_optionPages->setCurrentIndex(mode() == Mode::Password ? 0 : 1);
            optionsEdited();
        }
    });
    connect(m_lengthSlider, &QSlider::valueChanged, m_lengthSpin, &QSpinBox::setValue);
    connect(m_lengthSpin, &QSpinBox::valueChanged, this, [this](int length) {
        const QSignalBlocker blocker(m_lengthSlider);
        m_lengthSlider->setValue(length);
        optionsEdited();
    });
    for (QCheckBox* box : {m_lowercaseCheck, m_uppercaseCheck, m_digitsCheck, m_symbolsCheck,
                           m_lookAlikesCheck, m_capitaliseCheck, m_numberCheck}) {
        connect(box, &QCheckBox::toggled, this, &PasswordGeneratorDialog::optionsEdited);
    }
    connect(m_wordsSpin, &QSpinBox::valueChanged, this, &PasswordGeneratorDialog::optionsEdited);
    connect(m_separatorEdit, &QLineEdit::textChanged, this, &PasswordGeneratorDialog::optionsEdited);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PasswordGeneratorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &PasswordGeneratorDialog::reject);

    // Visual order; the slider is skipped (see above) and the hidden page's fields are skipped by Qt.
    setTabOrder(m_preview, m_regenerateButton);
    setTabOrder(m_regenerateButton, m_passwordModeRadio);
    setTabOrder(m_passwordModeRadio, m_passphraseModeRadio);
    setTabOrder(m_passphraseModeRadio, m_lengthSpin);
    setTabOrder(m_lengthSpin, m_lowercaseCheck);
    setTabOrder(m_lowercaseCheck, m_uppercaseCheck);
    setTabOrder(m_uppercaseCheck, m_digitsCheck);
    setTabOrder(m_digitsCheck, m_symbolsCheck);
    setTabOrder(m_symbolsCheck, m_lookAlikesCheck);
    setTabOrder(m_lookAlikesCheck, m_wordsSpin);
    setTabOrder(m_wordsSpin, m_separatorEdit);
    setTabOrder(m_separatorEdit, m_capitaliseCheck);
    setTabOrder(m_capitaliseCheck, m_numberCheck);
    setTabOrder(m_numberCheck, m_useButton);

    regenerate();
    m_lengthSpin->setFocus();
}

PasswordGeneratorDialog::~PasswordGeneratorDialog()
{
    // setText() rather than clear(): it also drops the undo history.
    m_preview->setText(QString());
}

void PasswordGeneratorDialog::setMode(Mode mode)
{
    (mode == Mode::Password ? m_passwordModeRadio : m_passphraseModeRadio)->setChecked(true);
}

PasswordGeneratorDialog::Mode PasswordGeneratorDialog::mode() const
{
    return m_passphraseModeRadio->isChecked() ? Mode::Passphrase : Mode::Password;
}

void PasswordGeneratorDialog::setPasswordOptions(const PasswordOptions& options)
{
    {
        const QSignalBlocker blockers[] = {QSignalBlocker(m_lengthSpin),     QSignalBlocker(m_lengthSlider),
                                           QSignalBlocker(m_lowercaseCheck), QSignalBlocker(m_uppercaseCheck),
                                           QSignalBlocker(m_digitsCheck),    QSignalBlocker(m_symbolsCheck),
                                           QSignalBlocker(m_lookAlikesCheck)};
        m_lengthSpin->setValue(options.length);
        m_lengthSlider->setValue(m_lengthSpin->value());
        m_lowercaseCheck->setChecked(options.lowercase);
        m_uppercaseCheck->setChecked(options.uppercase);
        m_digitsCheck->setChecked(options.digits);
        m_symbolsCheck->setChecked(options.symbols);
        m_lookAlikesCheck->setChecked(options.excludeLookAlikes);
    }
    optionsEdited();
}

PasswordOptions PasswordGeneratorDialog::passwordOptions() const
{
    PasswordOptions options;
    options.length = m_lengthSpin->value();
    options.lowercase = m_lowercaseCheck->isChecked();
    options.uppercase = m_uppercaseCheck->isChecked();
    options.digits = m_digitsCheck->isChecked();
    options.symbols = m_symbolsCheck->isChecked();
    options.excludeLookAlikes = m_lookAlikesCheck->isChecked();
    return options;
}

void PasswordGeneratorDialog::setPassphraseOptions(const PassphraseOptions& options)
{
    {
        const QSignalBlocker blockers[] = {QSignalBlocker(m_wordsSpin), QSignalBlocker(m_separatorEdit),
                                           QSignalBlocker(m_capitaliseCheck), QSignalBlocker(m_numberCheck)};
        m_wordsSpin->setValue(options.words);
        m_separatorEdit->setText(options.separator);
        m_capitaliseCheck->setChecked(options.capitalise);
        m_numberCheck->setChecked(options.includeNumber);
    }
    optionsEdited();
}

PassphraseOptions PasswordGeneratorDialog::passphraseOptions() const
{
    PassphraseOptions options;
    options.words = m_wordsSpin->value();
    options.separator = m_separatorEdit->text();
    options.capitalise = m_capitaliseCheck->isChecked();
    options.includeNumber = m_numberCheck->isChecked();
    return options;
}

SecretBuffer PasswordGeneratorDialog::takePassword()
{
    return std::exchange(m_accepted, SecretBuffer());
}

void PasswordGeneratorDialog::accept()
{
    if (m_current.isEmpty()) {
        return; // the options are contradictory and the error says why
    }
    m_accepted = m_current.clone();
    QDialog::accept();
}

void PasswordGeneratorDialog::optionsEdited()
{
    // Spin boxes announce their value again on Enter; regenerating then would accept a password the
    // user never saw.
    const bool unchanged =
        mode() == m_shownMode &&
        (mode() == Mode::Password ? sameOptions(passwordOptions(), m_shownPasswordOptions)
                                  : sameOptions(passphraseOptions(), m_shownPassphraseOptions));
    if (!unchanged || m_current.isEmpty()) {
        regenerate();
    }
}

void PasswordGeneratorDialog::regenerate()
{
    m_shownMode = mode();
    m_shownPasswordOptions = passwordOptions();
    m_shownPassphraseOptions = passphraseOptions();
    const bool password = mode() == Mode::Password;
    Result<SecretBuffer> made =
        password ? m_generator.password(passwordOptions()) : m_generator.passphrase(passphraseOptions());
    const double bits =
        password ? PasswordGenerator::passwordEntropyBits(passwordOptions()).value_or(0.0)
                 : PasswordGenerator::passphraseEntropyBits(passphraseOptions(), WordList::bundled());
    if (made) {
        m_current = std::move(*made);
        QString shown = QString::fromUtf8(m_current.view());
        m_preview->setText(shown);
        wipeString(shown);
        m_preview->setCursorPosition(0);
        m_entropyLabel->setText(tr("About %1 bits of entropy").arg(qRound(bits)));
        m_errorLabel->hide();
    } else {
        m_current.wipe();
        m_preview->setText(QString());
        m_entropyLabel->setText(tr("No password with these options"));
        m_errorLabel->setText(ErrorText::forUser(made.error()));
        m_errorLabel->show();
    }
    m_useButton->setEnabled(!m_current.isEmpty());
}

} // namespace tessera::ui
