import { createApp } from 'vue'
import '../ui/base.css'
import Setup from './Setup.vue'

createApp(Setup).mount('#app')
