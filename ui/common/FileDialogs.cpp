#include "common/FileDialogs.h"

#include <QFileDialog>

namespace tessera::ui {

QStringList& FileDialogs::queue()
{
    static QStringList next;
    return next;
}

bool& FileDialogs::nonInteractive()
{
    static bool enabled = false;
    return enabled;
}

void FileDialogs::setNonInteractive(bool enabled)
{
    nonInteractive() = enabled;
}

void FileDialogs::setNextFileName(const QString& path)
{
    queue().append(path);
}

void FileDialogs::clearNextFileNames()
{
    queue().clear();
}

QString FileDialogs::vaultFilter()
{
    return QObject::tr("Tessera vaults (*.tessera);;All files (*)");
}

QString FileDialogs::getOpenFileName(QWidget* parent, const QString& caption, const QString& directory,
                                     const QString& filter)
{
    if (!queue().isEmpty()) {
        return queue().takeFirst();
    }
    if (nonInteractive()) {
        return {};
    }
    return QFileDialog::getOpenFileName(parent, caption, directory, filter);
}

QString FileDialogs::getSaveFileName(QWidget* parent, const QString& caption, const QString& proposed,
                                     const QString& filter)
{
    if (!queue().isEmpty()) {
        return queue().takeFirst();
    }
    if (nonInteractive()) {
        return {};
    }
    return QFileDialog::getSaveFileName(parent, caption, proposed, filter);
}

} // namespace tessera::ui
