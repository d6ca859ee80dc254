#include "access/AccessToolSupport.h"

#include "app/VaultController.h"

#include <QCompleter>
#include <QLayout>
#include <QLineEdit>
#include <QStringListModel>
#include <QTimer>

namespace tessera::ui {

void attachUsernameCompleter(VaultController& controller, QLineEdit* edit)
{
    auto* model = new QStringListModel(edit);
    auto* completer = new QCompleter(model, edit);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    completer->setMaxVisibleItems(12);
    edit->setCompleter(completer);
    controller.runDirectory(
        model,
        [](Directory& directory) -> Result<QStringList> {
            QStringList names;
            names.reserve(directory.model().users().size());
            for (const UserAccess& user : directory.model().users()) {
                names.append(user.username);
            }
            names.sort(Qt::CaseInsensitive);
            return names;
        },
        [model](Result<QStringList> names) {
            if (names) {
                model->setStringList(*names);
            }
        });
}

void growToFit(QWidget* dialog)
{
    auto grow = [dialog] {
        if (QLayout* layout = dialog->layout()) {
            layout->activate();
            const int needed = layout->hasHeightForWidth() ? layout->totalHeightForWidth(dialog->width())
                                                           : layout->totalSizeHint().height();
            if (needed > dialog->height()) {
                dialog->resize(dialog->width(), needed);
            }
        }
    };
    grow();
    // Labels shown just now settle their sizes in the next layout pass; check once more then.
    QTimer::singleShot(0, dialog, grow);
}

} // namespace tessera::ui
