// hrdtrain-early-kernel: a JupyterLab plugin of the browser edition (hrdtrain.site_build adds it).
//
// Why: JupyterLab starts a notebook's kernel only once it has fetched and drawn the notebook,
// and Pyodide then needs several seconds to boot in the page. The notebook to open is already
// named in the address (lab/index.html?path=notebooks/00_….ipynb), so this plugin starts that
// kernel as soon as the kernel's own plugin has registered it, and lets it boot while the page is
// drawn. The notebook then finds the kernel running for its path and connects to it, as
// JupyterLab does for any running session; the learner sees nothing but an earlier "Idle".
// Measured here (benchmarks/browser_edition.py): the kernel's worker starts at 1.3 to 2.3 s
// instead of 2.5 to 4.0 s; the first quiz is ready about 1 s sooner on a first visit; on later
// visits, where 2 cores are already busy drawing the page, it gains nothing measurable.
//
// One notebook never gets two kernels: while this start is under way, a start asked for the same
// path (the notebook may open before the session is listed) waits for this one and joins it.
//
// Hand-written, not built with @jupyterlab/builder: the plugin imports nothing, so the module
// federation container JupyterLab loads (window._JUPYTERLAB[name] with init() and get()) is all
// it needs, and the site build needs no bundler.
var _JUPYTERLAB;
(function () {
  "use strict";
  var NAME = "hrdtrain-early-kernel";

  function normalise(path) {
    return String(path || "").replace(/^(\.\/|\/)+/, "");
  }

  function folderOf(path) {
    return path.indexOf("/") < 0 ? "" : path.slice(0, path.lastIndexOf("/"));
  }

  function notebookInAddress() {
    var path = normalise(new URLSearchParams(window.location.search).get("path"));
    return /\.ipynb$/i.test(path) ? path : null;
  }

  var plugin = {
    id: NAME + ":plugin",
    description: "Starts the kernel of the notebook named in the address while the page is drawn.",
    autoStart: true,
    activate: function (app) {
      var path = notebookInAddress();
      var services = app.serviceManager;
      if (!path || !services || !services.sessions || !services.kernelspecs || !services.contents) return;
      var sessions = services.sessions;
      var ownStart = sessions.startNew;
      var ownProperty = Object.prototype.hasOwnProperty.call(sessions, "startNew");
      var pending = null;

      function sameNotebook(options) {
        var asked = normalise(options.path);
        return asked === path || (folderOf(asked) === folderOf(path) && options.name === path.split("/").pop());
      }

      // Until the early start has settled, a start for the same notebook joins it. JupyterLab asks
      // for a new session under a temporary path (the notebook's folder and a random name, with
      // the notebook's file name as the session's name), checks that the session it gets has that
      // path, and then renames it to the notebook's; so the joined session takes that path first.
      sessions.startNew = function (options, connectOptions) {
        if (pending !== null && options && sameNotebook(options)) {
          return pending.then(function (model) {
            if (!model) return ownStart.call(sessions, options, connectOptions);
            var connection = sessions.connectTo(Object.assign({}, connectOptions, { model: model }));
            return connection.setPath(options.path).then(function () {
              return connection;
            });
          });
        }
        return ownStart.call(sessions, options, connectOptions);
      };

      // The kernel's own plugin may be activated after this one; until it has registered the
      // kernel, there is nothing to start, so then this waits for every plugin to be active.
      function registeredKernel() {
        return services.kernelspecs.refreshSpecs().then(function () {
          var specs = services.kernelspecs.specs;
          return specs && specs.default && specs.kernelspecs[specs.default] ? specs.default : null;
        });
      }

      pending = Promise.all([sessions.ready, services.kernelspecs.ready])
        .then(registeredKernel)
        .then(function (kernel) {
          return kernel || app.started.then(registeredKernel);
        })
        .then(function (kernel) {
          if (!kernel) return null;
          var running = Array.from(sessions.running()).find(function (model) { return normalise(model.path) === path; });
          if (running) return running;
          // Whether the address names a notebook is asked at the same time as the kernel starts
          // (asking first cost 0.1 to 0.4 s here); if it does not, that kernel is shut down.
          var isNotebook = services.contents.get(path, { content: false }).then(
            function (file) { return !!file && file.type === "notebook"; },
            function () { return false; }
          );
          var started = ownStart.call(sessions, { path: path, name: path.split("/").pop(), type: "notebook", kernel: { name: kernel } }).then(function (connection) {
            var model = connection.model;
            connection.dispose(); // the notebook opens its own connection; the kernel keeps running
            return model;
          });
          return Promise.all([isNotebook, started]).then(function (answers) {
            if (answers[0]) {
              console.info(NAME + ": started the kernel of " + path + " at " + Math.round(performance.now()) + " ms");
              return answers[1];
            }
            return sessions.shutdown(answers[1].id).then(function () {
              console.info(NAME + ": " + path + " is not a notebook of this site; its kernel was shut down");
              return null;
            });
          });
        })
        .catch(function (error) {
          console.warn(NAME + ": the notebook will start its kernel itself (" + error + ")");
          return null;
        });
      pending.then(function () {
        pending = null;
        if (ownProperty) sessions.startNew = ownStart;
        else delete sessions.startNew; // back to SessionManager's own method
      });
    }
  };

  _JUPYTERLAB = typeof _JUPYTERLAB === "undefined" ? {} : _JUPYTERLAB;
  _JUPYTERLAB[NAME] = {
    init: function () {
      return Promise.resolve();
    },
    get: function (module) {
      if (module !== "./extension") return Promise.reject(new Error(NAME + " has no module " + module));
      return Promise.resolve(function () {
        return { __esModule: true, default: plugin };
      });
    }
  };
})();
