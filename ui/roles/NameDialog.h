#pragma once

#include "common/Error.h"

#include <QDialog>
#include <QIcon>
#include <QStringList>
#include <functional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace tessera::ui {

// Asks for a role or permission name (and optionally a description). The name is checked as it is
// typed by the core's own validation, and the problem is shown inline; OK stays disabled until the
// name is valid. OK emits submitted() and keeps the dialog open: the page saves in a job and then calls
// finish(), which closes the dialog, or shows the core's refusal inline.
class NameDialog : public QDialog
{
    Q_OBJECT

public:
    using Validator = std::function<Status(const QString&)>;

    struct Texts
    {
        QString windowTitle;
        QString heading;
        QString explanation;
        QString nameLabel;
        QString namePlaceholder;
        QString okText;
        QString iconName;
    };

    NameDialog(const Texts& texts, Validator validator, bool withDescription, QWidget* parent = nullptr);

    void setName(const QString& name);
    void setDescription(const QString& description);
    // Names already in use, refused with `message` ("%1" is the name); `current` stays allowed.
    void setTaken(const QStringList& names, const QString& message, const QString& current = {});

    QString name() const;
    QString description() const;
    QString originalName() const { return m_originalName; }
    QString originalDescription() const { return m_originalDescription; }

    void finish(const Status& outcome);

Q_SIGNALS:
    void submitted();

private:
    void validate();
    void submit();

    Validator m_validator;
    QLineEdit* m_nameEdit;
    QLineEdit* m_descriptionEdit = nullptr;
    QLabel* m_errorLabel;
    QDialogButtonBox* m_buttons;
    QPushButton* m_okButton;
    QStringList m_taken;
    QString m_takenMessage;
    QString m_originalName;
    QString m_originalDescription;
    bool m_busy = false;
};

} // namespace tessera::ui
