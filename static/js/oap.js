// Start GOV.UK Frontend's JavaScript components (service navigation menu,
// skip link, notification banners, checkboxes …). Every page works without
// JavaScript; this only enhances.
//
// base.html loads only this module (by its hashed name); it imports GOV.UK
// Frontend by its plain name, which whitenoise also serves.
import { initAll } from './govuk-frontend.min.js';
import './oap-page-tools.js';

initAll();
