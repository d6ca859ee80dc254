#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

namespace tessera::ui {

// A live estimate of how hard a password is to guess (core PasswordStrength): a bar and a label.
class StrengthMeter : public QWidget
{
    Q_OBJECT

public:
    explicit StrengthMeter(QWidget* parent = nullptr);

    void setPassword(const QString& password);
    QString levelText() const;

private:
    QProgressBar* m_bar;
    QLabel* m_label;
};

} // namespace tessera::ui
