#include "common/StrengthMeter.h"

#include "crypto/PasswordStrength.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <algorithm>

namespace tessera::ui {

namespace {

// Accents chosen to stay legible on light and dark palettes.
QString accentFor(PasswordStrength::Level level)
{
    switch (level) {
    case PasswordStrength::Level::Empty:
    case PasswordStrength::Level::VeryWeak:
        return QStringLiteral("#d64545");
    case PasswordStrength::Level::Weak:
        return QStringLiteral("#e0803a");
    case PasswordStrength::Level::Fair:
        return QStringLiteral("#d9b526");
    case PasswordStrength::Level::Strong:
        return QStringLiteral("#5aaa4a");
    case PasswordStrength::Level::VeryStrong:
        return QStringLiteral("#2e9b5f");
    }
    return {};
}

} // namespace

StrengthMeter::StrengthMeter(QWidget* parent)
    : QWidget(parent), m_bar(new QProgressBar(this)), m_label(new QLabel(this))
{
    m_bar->setObjectName(QStringLiteral("strengthProgressBar"));
    m_bar->setRange(0, 100);
    m_bar->setTextVisible(false);
    m_bar->setFixedHeight(8);
    m_label->setObjectName(QStringLiteral("strengthLabel"));
    m_label->setMinimumWidth(
        m_label->fontMetrics().horizontalAdvance(QStringLiteral("Very strong (999 bits)")));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_label);
    setPassword(QString());
}

void StrengthMeter::setPassword(const QString& password)
{
    const PasswordStrength strength = PasswordStrength::estimate(password);
    // 100 bits fills the bar; beyond that more length no longer matters for a master password.
    m_bar->setValue(std::clamp(static_cast<int>(strength.bits), 0, 100));
    m_bar->setStyleSheet(
        QStringLiteral("QProgressBar { border: none; border-radius: 4px; background: palette(midlight); }"
                       "QProgressBar::chunk { border-radius: 4px; background: %1; }")
            .arg(accentFor(strength.level)));
    if (strength.level == PasswordStrength::Level::Empty) {
        m_label->setText(tr("Enter a password"));
    } else {
        m_label->setText(tr("%1 (%2 bits)").arg(strength.label()).arg(static_cast<int>(strength.bits)));
    }
}

QString StrengthMeter::levelText() const
{
    return m_label->text();
}

} // namespace tessera::ui
