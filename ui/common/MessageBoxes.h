#pragma once

#include <QMessageBox>
#include <QString>
#include <optional>

namespace tessera::ui {

// Message boxes behind a seam. In tests, setNextAnswer() answers the next box without showing it,
// and setNonInteractive(true) answers every box with its default button; the last title and text
// are kept so a test can check what the user would have read.
class MessageBoxes
{
public:
    using Button = QMessageBox::StandardButton;

    static void information(QWidget* parent, const QString& title, const QString& text);
    static void warning(QWidget* parent, const QString& title, const QString& text);
    static void critical(QWidget* parent, const QString& title, const QString& text);
    static Button question(QWidget* parent, const QString& title, const QString& text,
                           QMessageBox::StandardButtons buttons = QMessageBox::Yes | QMessageBox::No,
                           Button defaultButton = QMessageBox::No);

    static void setNextAnswer(Button answer);
    static void setNonInteractive(bool nonInteractive);
    static QString lastTitle();
    static QString lastText();
    static void clearLast();

private:
    static Button show(QWidget* parent, QMessageBox::Icon icon, const QString& title, const QString& text,
                       QMessageBox::StandardButtons buttons, Button defaultButton);
};

} // namespace tessera::ui
