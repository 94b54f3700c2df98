import { createApp } from 'vue'
import '../ui/base.css'
import './workbench.css'
import './tools.css'
import App from './App.vue'

createApp(App).mount('#app')
