// Every integration test file, in order; both hosts load this one module.
import './hover.test';
import './views.test';
import './browse.test';
import './team.test';
import './lifecycle.test';
import './apiDiagnostics.test';
