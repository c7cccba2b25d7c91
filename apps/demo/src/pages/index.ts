import { bootPage } from '../demo/boot';

bootPage();
