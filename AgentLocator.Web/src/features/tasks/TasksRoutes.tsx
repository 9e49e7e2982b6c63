import { Route, Routes } from 'react-router-dom';
import { TasksPage } from './TasksPage';
import { EditTaskPage, NewTaskPage } from './TaskFormPages';

/** Mounted under /tasks/* (every user has tasks). */
export function TasksRoutes() {
  return (
    <Routes>
      <Route index element={<TasksPage />} />
      <Route path="new" element={<NewTaskPage />} />
      <Route path=":id/edit" element={<EditTaskPage />} />
    </Routes>
  );
}
