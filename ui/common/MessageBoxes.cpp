#include "common/MessageBoxes.h"

namespace tessera::ui {

namespace {

struct SeamState
{
    std::optional<MessageBoxes::Button> nextAnswer;
    bool nonInteractive = false;
    QString lastTitle;
    QString lastText;
};

SeamState& state()
{
    static SeamState seam;
    return seam;
}

} // namespace

MessageBoxes::Button MessageBoxes::show(QWidget* parent, QMessageBox::Icon icon, const QString& title,
                                        const QString& text, QMessageBox::StandardButtons buttons,
                                        Button defaultButton)
{
    SeamState& seam = state();
    seam.lastTitle = title;
    seam.lastText = text;
    if (seam.nextAnswer) {
        const Button answer = *seam.nextAnswer;
        seam.nextAnswer.reset();
        return answer;
    }
    if (seam.nonInteractive) {
        return defaultButton != QMessageBox::NoButton ? defaultButton : QMessageBox::Ok;
    }
    QMessageBox box(icon, title, text, buttons, parent);
    box.setDefaultButton(defaultButton);
    box.setTextFormat(Qt::PlainText);
    return static_cast<Button>(box.exec());
}

void MessageBoxes::information(QWidget* parent, const QString& title, const QString& text)
{
    show(parent, QMessageBox::Information, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

void MessageBoxes::warning(QWidget* parent, const QString& title, const QString& text)
{
    show(parent, QMessageBox::Warning, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

void MessageBoxes::critical(QWidget* parent, const QString& title, const QString& text)
{
    show(parent, QMessageBox::Critical, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

MessageBoxes::Button MessageBoxes::question(QWidget* parent, const QString& title, const QString& text,
                                            QMessageBox::StandardButtons buttons, Button defaultButton)
{
    return show(parent, QMessageBox::Question, title, text, buttons, defaultButton);
}

void MessageBoxes::setNextAnswer(Button answer)
{
    state().nextAnswer = answer;
}

void MessageBoxes::setNonInteractive(bool nonInteractive)
{
    state().nonInteractive = nonInteractive;
}

QString MessageBoxes::lastTitle()
{
    return state().lastTitle;
}

QString MessageBoxes::lastText()
{
    return state().lastText;
}

void MessageBoxes::clearLast()
{
    state().lastTitle.clear();
    state().lastText.clear();
}

} // namespace tessera::ui
