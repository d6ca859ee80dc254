#pragma once

#include <QColor>
#include <QIcon>
#include <QString>
#include <initializer_list>

class QBoxLayout;
class QFormLayout;
class QLabel;
class QPalette;
class QVBoxLayout;
class QWidget;

namespace tessera::ui {

// Shared spacing and label roles, so dialogs and pages look alike without a style sheet.
class DialogStyle
{
public:
    static void configure(QFormLayout* form);
    static void configure(QBoxLayout* layout);
    // Gives the label columns of forms stacked in one dialog (e.g. a host's form and an embedded
    // PasswordPairWidget's) the same width, so their fields line up.
    static void alignLabelColumns(std::initializer_list<QFormLayout*> forms);
    static void makeHint(QLabel* label);  // secondary text: smaller, muted, wrapping
    static void makeError(QLabel* label); // an inline problem, hidden until set
    static void makeHeading(QLabel* label, qreal scale = 1.3);
    // A page's status line: `text` in the failure colour when `error`, hidden while empty.
    static void setStatus(QLabel* label, const QString& text, bool error = false);
    // Status accents for marks and short texts ("met", "failed"), picked for the palette's window
    // colour so they keep their contrast on light and dark themes alike.
    static QColor successColor(const QPalette& palette);
    static QColor failureColor(const QPalette& palette);
    static QColor warningColor(const QPalette& palette); // amber: attention, not yet a failure
    // An icon, a bold title and a wrapped explanation, used at the top of dialogs.
    static QWidget* header(const QIcon& icon, const QString& title, const QString& text, QWidget* parent);
    // A page's large title over its muted explanation, as every main-window page starts. The labels
    // are the caller's when it changes them later (the vault page names its vault).
    static QVBoxLayout* pageTitle(const QString& title, const QString& text, QWidget* parent);
    static QVBoxLayout* pageTitle(QLabel* title, QLabel* text);
};

} // namespace tessera::ui
