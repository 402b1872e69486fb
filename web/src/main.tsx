import { AppRoutes } from './app-routes.tsx';
import { mountPage } from './mount-page.tsx';

mountPage(<AppRoutes />);
