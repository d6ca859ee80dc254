#include "common/FindShortcut.h"

#include <QAction>
#include <QLineEdit>
#include <QWidget>

namespace tessera::ui {

void FindShortcut::install(QWidget* page, QLineEdit* filter)
{
    auto* focusFilter = new QAction(page);
    focusFilter->setShortcut(QKeySequence::Find);
    focusFilter->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    page->addAction(focusFilter);
    QObject::connect(focusFilter, &QAction::triggered, filter, [filter] {
        filter->setFocus();
        filter->selectAll();
    });
}

} // namespace tessera::ui
