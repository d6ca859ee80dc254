#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QStackedWidget;

namespace tessera::ui {

// Shown while no vault is unlocked: create a vault, open one from disk, or pick a recent one.
class StartPage : public QWidget
{
    Q_OBJECT

public:
    explicit StartPage(QWidget* parent = nullptr);

    // Reloads the recent list from Preferences (most recent first).
    void reload();
    void selectPath(const QString& path);

Q_SIGNALS:
    void createRequested();
    void openRequested();                      // pick a file
    void unlockRequested(const QString& path); // a recent vault

protected:
    void showEvent(QShowEvent* event) override;

private:
    void activate(QListWidgetItem* item);
    void showContextMenu(const QPoint& position);
    void removeSelected();

    QPushButton* m_createButton;
    QPushButton* m_openButton;
    QStackedWidget* m_recentStack;
    QListWidget* m_recentList;
    QLabel* m_emptyLabel;
};

} // namespace tessera::ui
